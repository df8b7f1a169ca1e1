package dev.planning.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.lifecycle.CycleRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Where the artifacts of a stream and cycle live, as workspace-relative paths.
 *
 * <p>The default layout (SPEC §3) keeps each stream under {@code frameworks/planning-{stream}/}:
 * <pre class="language-text">
 * tasks/{cycle}-{stream}_task_breakdown.yaml   (or tasks/{cycle}-{stream}_backlog.yaml)
 * storymaps/{cycle}-story_map.md
 * manifests/{cycle}-handoff_manifest.yaml
 * digests/{cycle}-digest.md
 * events/{cycle}.events.jsonl
 * decisions/{cycle}-decision_log.yaml
 * retros/{cycle}-retrospective.yaml
 * contracts/{cycle}-contracts.yaml
 * evidence/{cycle}/
 * outcomes/{cycle}/
 * </pre>
 * the capacity model in {@code frameworks/capacity.yaml}, and the rulebook in {@code rulebook/}. A different root for streams can be configured.
 *
 * <p>The streams' root is a normalised relative path ({@code plans}, {@code a/b}): every path the
 * layout names is compared, as text, with the paths a git commit lists (the sealed set's completeness,
 * {@code verify}), and {@code ./plans} or {@code plans/} would match none of them, so that check would
 * find no input to hold the seal to. Such a root is refused when the layout is made, and so is such a
 * rulebook directory: the seal's binding to HEAD's first-parent line compares the rulebook directory's git
 * tree by that path, and {@code ./rulebook} would name no tree at either commit, so the rulebooks would
 * never be compared.
 *
 * @param streamsRoot the directory holding {@code planning-{stream}} directories, e.g. {@code frameworks}
 * @param rulebookDir the default rulebook directory, e.g. {@code rulebook}
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record WorkspaceLayout(String streamsRoot, String rulebookDir) {

    /** Segments of a portable name, none {@code .} or {@code ..}, joined by {@code /} (review24: {@code ./plans}). */
    private static final Pattern NORMALISED_RELATIVE =
            Pattern.compile("(?!\\.\\.?(?:/|$))[A-Za-z0-9._-]+(?:/(?!\\.\\.?(?:/|$))[A-Za-z0-9._-]+)*");

    /** The layout of SPEC §3. */
    public static final WorkspaceLayout DEFAULT = new WorkspaceLayout("frameworks", "rulebook");

    private static final String STREAM_PREFIX = "planning-";

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param streamsRoot the directory holding {@code planning-{stream}} directories, e.g. {@code frameworks}
     * @param rulebookDir the default rulebook directory, e.g. {@code rulebook}
     */
    public WorkspaceLayout {
        Objects.requireNonNull(streamsRoot, "streamsRoot");
        Objects.requireNonNull(rulebookDir, "rulebookDir");
        requireNormalisedRelative("streamsRoot", streamsRoot, "frameworks");
        requireNormalisedRelative("rulebookDir", rulebookDir, "rulebook");
    }

    private static void requireNormalisedRelative(String component, String path, String example) {
        if (!NORMALISED_RELATIVE.matcher(path).matches()) {
            throw new IllegalArgumentException(component + " must be a normalised relative path such as " + example
                    + " or a/b (segments of letters, digits, '.', '_' or '-', none '.' or '..', no leading or trailing"
                    + " '/'), not '" + path + "'");
        }
    }

    /**
     * {@code frameworks/planning-{stream}}.
     *
     * @param stream a stream name such as {@code fe}
     * @return {@code frameworks/planning-{stream}}
     */
    public String streamDir(String stream) {
        return streamsRoot + "/" + STREAM_PREFIX + CycleRef.requireStream(stream);
    }

    /**
     * The stream name of a {@code planning-{stream}} directory name, or {@code null}.
     *
     * @param directoryName a directory name, e.g. {@code planning-fe}
     * @return the stream name of a {@code planning-{stream}} directory name, or {@code null}
     */
    public String streamOfDirectory(String directoryName) {
        return directoryName.startsWith(STREAM_PREFIX) ? directoryName.substring(STREAM_PREFIX.length()) : null;
    }

    /**
     * The preferred task breakdown path, {@code tasks/{cycle}-{stream}_task_breakdown.yaml}.
     *
     * @param cycle the cycle
     * @return the preferred task breakdown path, {@code tasks/{cycle}-{stream}_task_breakdown.yaml}
     */
    public String taskBreakdown(CycleRef cycle) {
        return streamDir(cycle.stream()) + "/tasks/" + cycle.cycleId() + "-" + cycle.stream() + "_task_breakdown.yaml";
    }

    /**
     * Every accepted task breakdown path, preferred first (the backend calls it a backlog).
     *
     * @param cycle the cycle
     * @return every accepted task breakdown path, preferred first (the backend calls it a backlog)
     */
    public List<String> taskBreakdownCandidates(CycleRef cycle) {
        return List.of(taskBreakdown(cycle),
                streamDir(cycle.stream()) + "/tasks/" + cycle.cycleId() + "-" + cycle.stream() + "_backlog.yaml");
    }

    /**
     * {@code storymaps/{cycle}-story_map.md}.
     *
     * @param cycle the cycle
     * @return {@code storymaps/{cycle}-story_map.md} under the stream's directory
     */
    public String storyMap(CycleRef cycle) {
        return streamDir(cycle.stream()) + "/storymaps/" + cycle.cycleId() + "-story_map.md";
    }

    /**
     * The planning files a cycle is named by, any one of which makes it a cycle of the workspace
     * ({@code PlanningWorkspace.exists} and {@code cycles()}): its task breakdown under each accepted name
     * ({@link #taskBreakdownCandidates}), its story map and its decision log. {@link #cycleIdOf} tells the cycle
     * of exactly these paths.
     *
     * @param cycle the cycle
     * @return the task breakdown candidates, the story map and the decision log, in that order
     */
    public List<String> planningFiles(CycleRef cycle) {
        List<String> files = new ArrayList<>(taskBreakdownCandidates(cycle));
        files.add(storyMap(cycle));
        files.add(decisionLog(cycle));
        return List.copyOf(files);
    }

    /**
     * {@code manifests/{cycle}-handoff_manifest.yaml}.
     *
     * @param cycle the cycle
     * @return the manifest's workspace-relative path
     */
    public String manifest(CycleRef cycle) {
        return streamDir(cycle.stream()) + "/manifests/" + cycle.cycleId() + "-handoff_manifest.yaml";
    }

    /**
     * {@code digests/{cycle}-digest.md}.
     *
     * @param cycle the cycle
     * @return the digest's workspace-relative path
     */
    public String digest(CycleRef cycle) {
        return streamDir(cycle.stream()) + "/digests/" + cycle.cycleId() + "-digest.md";
    }

    /**
     * {@code events/{cycle}.events.jsonl}.
     *
     * @param cycle the cycle
     * @return the event log's workspace-relative path
     */
    public String eventLog(CycleRef cycle) {
        return streamDir(cycle.stream()) + "/events/" + cycle.cycleId() + ".events.jsonl";
    }

    /**
     * {@code decisions/{cycle}-decision_log.yaml}: the cycle's waivers and decisions.
     *
     * @param cycle the cycle
     * @return the decision log's workspace-relative path
     */
    public String decisionLog(CycleRef cycle) {
        return streamDir(cycle.stream()) + "/decisions/" + cycle.cycleId() + "-decision_log.yaml";
    }

    /**
     * {@code contracts/{cycle}-contracts.yaml}: the cross-stream contracts the stream relies on in
     * the cycle (work other streams provide).
     *
     * @param cycle the cycle
     * @return the contracts file's workspace-relative path
     */
    public String contracts(CycleRef cycle) {
        return streamDir(cycle.stream()) + "/contracts/" + cycle.cycleId() + "-contracts.yaml";
    }

    /**
     * {@code frameworks/capacity.yaml}: the points per cycle of owners and teams, for every stream.
     *
     * @return the capacity model's workspace-relative path
     */
    public String capacityModel() {
        return streamsRoot + "/capacity.yaml";
    }

    /**
     * {@code retros/{cycle}-retrospective.yaml}: the retrospective's decisions and improvement
     * actions, written after the handoff. Same format as the decision log, but never sealed, so a
     * cycle's retrospective does not change its sealed artifacts.
     *
     * @param cycle the cycle
     * @return the retrospective's workspace-relative path
     */
    public String retrospective(CycleRef cycle) {
        return streamDir(cycle.stream()) + "/retros/" + cycle.cycleId() + "-retrospective.yaml";
    }

    /**
     * {@code evidence/{cycle}}.
     *
     * @param cycle the cycle
     * @return the evidence directory's workspace-relative path
     */
    public String evidenceDir(CycleRef cycle) {
        return streamDir(cycle.stream()) + "/evidence/" + cycle.cycleId();
    }

    /**
     * The cycle id a stream's planning file is named for: the {@code {cycle}} of a task breakdown,
     * backlog, story map or decision log path of this layout; empty for any other path or an
     * invalid cycle id.
     *
     * @param stream a stream name such as {@code fe}
     * @param relativePath a workspace-relative path
     * @return the cycle id a stream's planning file is named for: the {@code {cycle}} of a task breakdown,
     *         backlog, story map or decision log path of this layout; empty for any other path or an invalid
     *         cycle id
     */
    public Optional<String> cycleIdOf(String stream, String relativePath) {
        String dir = Pattern.quote(streamDir(stream) + "/");
        String s = Pattern.quote(stream);
        Pattern names = Pattern.compile(dir + "(?:tasks/(.+)-" + s + "_(?:task_breakdown|backlog)\\.yaml"
                + "|storymaps/(.+)-story_map\\.md|decisions/(.+)-decision_log\\.yaml)");
        Matcher matcher = names.matcher(relativePath);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        for (int group = 1; group <= matcher.groupCount(); group++) {
            String cycleId = matcher.group(group);
            if (cycleId != null) {
                return cycleId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}") ? Optional.of(cycleId) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * {@code outcomes/{cycle}}.
     *
     * @param cycle the cycle
     * @return the outcomes directory's workspace-relative path
     */
    public String outcomesDir(CycleRef cycle) {
        return streamDir(cycle.stream()) + "/outcomes/" + cycle.cycleId();
    }
}
