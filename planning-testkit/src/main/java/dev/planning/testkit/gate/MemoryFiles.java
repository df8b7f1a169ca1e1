package dev.planning.testkit.gate;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.store.ArtifactKind;
import dev.planning.api.store.WorkspaceFiles;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The workspace files of a {@link GateContextFixture}: held in memory, placed by the engine's
 * default layout ({@code frameworks/planning-{stream}/...}) unless a path is given per kind.
 */
final class MemoryFiles implements WorkspaceFiles {

    private static final Pattern CYCLE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final SortedMap<String, byte[]> files;
    private final Map<ArtifactKind, String> paths;

    MemoryFiles(Map<String, byte[]> files, Map<ArtifactKind, String> paths) {
        this.files = new TreeMap<>();
        files.forEach((path, bytes) -> this.files.put(path, bytes.clone()));
        this.paths = paths.isEmpty() ? Map.of() : new EnumMap<>(paths);
    }

    /** Refuses a path that is absolute, empty, has empty, {@code .} or {@code ..} segments, or a backslash. */
    static String check(String path) {
        Objects.requireNonNull(path, "path");
        boolean bad = path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.contains(":");
        for (String segment : path.split("/", -1)) {
            bad |= segment.isEmpty() || segment.equals(".") || segment.equals("..");
        }
        if (bad) {
            throw new InvalidInputException("path '" + path + "' is not a workspace-relative path; expected"
                    + " segments separated by '/', without '.', '..', a leading '/' or a drive",
                    SourceLocation.ofFile(path));
        }
        return path;
    }

    @Override
    public String path(CycleRef cycle, ArtifactKind kind) {
        Objects.requireNonNull(cycle, "cycle");
        Objects.requireNonNull(kind, "kind");
        String given = paths.get(kind);
        if (given != null) {
            return given;
        }
        String dir = streamDir(cycle.stream());
        String id = cycle.cycleId();
        return switch (kind) {
            case TASK_BREAKDOWN -> {
                String preferred = dir + "/tasks/" + id + "-" + cycle.stream() + "_task_breakdown.yaml";
                String backlog = dir + "/tasks/" + id + "-" + cycle.stream() + "_backlog.yaml";
                yield !files.containsKey(preferred) && files.containsKey(backlog) ? backlog : preferred;
            }
            case STORY_MAP -> dir + "/storymaps/" + id + "-story_map.md";
            case DECISION_LOG -> dir + "/decisions/" + id + "-decision_log.yaml";
            case CONTRACTS -> dir + "/contracts/" + id + "-contracts.yaml";
            case CAPACITY_MODEL -> "frameworks/capacity.yaml";
            case MANIFEST -> dir + "/manifests/" + id + "-handoff_manifest.yaml";
            case DIGEST -> dir + "/digests/" + id + "-digest.md";
            case RETROSPECTIVE -> dir + "/retros/" + id + "-retrospective.yaml";
            case EVENT_LOG -> dir + "/events/" + id + ".events.jsonl";
            case EVIDENCE -> dir + "/evidence/" + id;
            case OUTCOMES -> dir + "/outcomes/" + id;
        };
    }

    @Override
    public Optional<byte[]> read(String path) {
        byte[] bytes = files.get(check(path));
        return bytes == null ? Optional.empty() : Optional.of(bytes.clone());
    }

    @Override
    public boolean exists(String path) {
        return files.containsKey(check(path));
    }

    @Override
    public List<String> list(String directory) {
        String prefix = check(directory) + "/";
        return files.keySet().stream()
                .filter(p -> p.startsWith(prefix) && p.indexOf('/', prefix.length()) < 0)
                .toList();
    }

    @Override
    public List<CycleRef> cycles(String stream) {
        CycleRef.requireStream(stream);
        String dir = Pattern.quote(streamDir(stream) + "/");
        String s = Pattern.quote(stream);
        Pattern names = Pattern.compile(dir + "(?:tasks/(.+)-" + s + "_(?:task_breakdown|backlog)\\.yaml"
                + "|storymaps/(.+)-story_map\\.md|decisions/(.+)-decision_log\\.yaml)");
        TreeSet<String> ids = new TreeSet<>();
        for (String path : files.keySet()) {
            Matcher m = names.matcher(path);
            if (m.matches()) {
                String id = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
                if (CYCLE_ID.matcher(id).matches()) {
                    ids.add(id);
                }
            }
        }
        return ids.stream().map(id -> new CycleRef(stream, id)).toList();
    }

    /** Every file's path, sorted. */
    List<String> paths() {
        return List.copyOf(files.keySet());
    }

    private static String streamDir(String stream) {
        return "frameworks/planning-" + stream;
    }
}
