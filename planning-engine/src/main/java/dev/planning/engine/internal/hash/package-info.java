/**
 * SHA-256, the one hash of the framework: lower-case hex of bytes, of files (read through a
 * {@link java.nio.channels.FileChannel} into a large direct buffer, which lets the JDK's
 * CPU-accelerated implementation run at disk speed), and of many files in parallel on a bounded pool.
 */
@API(status = INTERNAL, since = "0.1")
package dev.planning.engine.internal.hash;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
