/**
 * Planning artifacts as API records: readers that turn located documents into
 * {@link dev.planning.api.artifact.TaskBreakdown}, {@link dev.planning.api.artifact.StoryMap} and
 * the waivers of a decision log, and writers that produce starter files.
 *
 * <p>Every reader returns a {@link dev.planning.engine.internal.artifact.ReadResult}: the model plus the
 * findings of reading it. The model is all or nothing: it is present only when the file parsed
 * and satisfied its schema, so code holding a model never sees half-valid data. Checks that should
 * still run on an invalid file (duplicate ids, dangling references) work on the located document
 * instead; see {@code dev.planning.engine.internal.lint}.
 */
@API(status = INTERNAL, since = "0.1")
package dev.planning.engine.internal.artifact;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
