package dev.planning.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.SourceLocation;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.api.signing.TrustedKey;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.engine.internal.workspace.DirectoryEntries;
import dev.planning.engine.internal.workspace.SafePaths;
import dev.planning.engine.internal.workspace.WriteFailures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * The workspace as a static, self-contained HTML site: {@code planning report --html OUT}.
 *
 * <pre>{@code
 * ReportResult site = HtmlReport.builder(workspace)       // a PlanningWorkspace from Planning.builder()
 *         // judges every signature with the workspace's trusted keys (PlanningWorkspace.trustedKeys());
 *         // .trustedKeys(keys) states the keys expected, and a workspace built with others is refused
 *         .asOf(LocalDate.now())                           // the day waivers are judged against
 *         .build()
 *         .write(siteDir);                                 // a new directory, or an earlier report's
 * // open siteDir/index.html
 * }</pre>
 *
 * <p>The site has a portfolio page ({@code index.html}: every stream and cycle, its state drawn on
 * the lifecycle, last transition and who triggered it, gates, signatures against the signing
 * policy, waivers, and a "needs attention" list), one page per cycle (every attempt on a time line,
 * gate findings linked to a source view of the file with the line highlighted, governance
 * violations with their values and waiver, the manifest and its verification signature by
 * signature, KPI charts over the stream's published digests, improvement actions and where they went) and
 * one source view per file a finding points at. A digest is drawn only when its cycle's event log records its
 * publication, the file's SHA-256 included, as {@code planning digest} takes an earlier digest; any other is a
 * problem shown on its cycle's page, naming the file and why.
 *
 * <p>Safe with hostile workspaces: every value read from the workspace is escaped for its context;
 * the pages carry a Content-Security-Policy that allows no script, image, font or request, only
 * the inlined style sheet (by its hash); the charts are inline SVG drawn here. Deterministic: the
 * same workspace, keys and date give the same bytes (nothing reads the clock or the machine).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class HtmlReport {

    /** The file that marks a directory as a report this class wrote (and may therefore replace). */
    public static final String MARKER = ".planning-report";

    private final PlanningWorkspace workspace;
    private final WorkspaceLayout layout;
    private final Optional<TrustedKeys> trust;
    private final LocalDate asOf;

    private HtmlReport(Builder builder) {
        this.workspace = builder.workspace;
        // The workspace's own layout unless the builder was told otherwise: a report that looked
        // under another layout would show a workspace of cycles as one with none.
        this.layout = builder.layout != null ? builder.layout : builder.workspace.layout();
        this.trust = Optional.ofNullable(builder.trust);
        this.asOf = builder.asOf;
    }

    /**
     * A builder for the report of {@code workspace}.
     *
     * @param workspace the workspace to report on
     * @return a builder for the report of {@code workspace}
     */
    public static Builder builder(PlanningWorkspace workspace) {
        return new Builder(workspace);
    }

    /**
     * The site's files without writing them: path relative to the site root, UTF-8 bytes, in path
     * order.
     *
     * <p>The map is unmodifiable and so are its contents: each array it gives ({@code get}, or an
     * entry or value iterated) is a fresh copy of the page's bytes, so changing one changes neither
     * the map (a later {@code get} gives the bytes as rendered) nor anything else. Each call renders
     * the site afresh.
     *
     * @return the site's files without writing them, never {@code null}
     * @throws InvalidInputException when the keys given to the builder are not the workspace's
     *                               ({@link Builder#trustedKeys}), or its trust file cannot be read
     */
    public Map<String, byte[]> render() {
        WorkspaceReader reader = new WorkspaceReader(workspace, layout, keys(), asOf);
        Model.Site site = reader.read();
        TreeMap<String, byte[]> rendered = new TreeMap<>();
        try {
            Pages.write(site, reader.sources(), path -> new ByteArrayOutputStream() {
                @Override
                public void close() {
                    rendered.put(path, toByteArray());
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the report: " + e.getMessage(), e);
        }
        return new RenderedFiles(new LinkedHashMap<>(rendered));
    }

    /**
     * Renders the site and writes it to {@code directory}: into a new sibling directory first,
     * which then replaces {@code directory}, so a reader never sees half a site. Each page is written
     * as it is rendered and never held whole, so the memory needed is that of the facts the site
     * shows (the plans, logs and evidence it reads) and of one source file at a time, not of the
     * site; if anything fails on the way, out of memory included, the sibling directory is removed and
     * {@code directory} is left as it was.
     *
     * @param directory the site's directory
     * @return what was written
     * @throws InvalidInputException when {@code directory} exists, is not empty and is not an
     *                               earlier report (it holds no {@value #MARKER} file), or lies
     *                               inside the workspace's rulebook or streams; when the keys given to
     *                               the builder are not the workspace's ({@link Builder#trustedKeys}),
     *                               or its trust file cannot be read
     * @throws dev.planning.api.PlanningException when the site cannot be written or the directory listed for
     *                               a reason the user can fix (permission denied, a file in the way)
     * @throws dev.planning.api.SystemFailureException when the system fails the write (a full disk, an I/O error)
     */
    public ReportResult write(Path directory) {
        Path target = directory.toAbsolutePath().normalize();
        // A directory given relative is named as given, then where it resolved, as the CLI names paths.
        String shown = SafePaths.shown(directory);
        refuseUnsafe(target, shown);
        WorkspaceReader reader = new WorkspaceReader(workspace, layout, keys(), asOf);
        Model.Site site = reader.read();
        Path parent = target.getParent();
        try {
            Files.createDirectories(parent);
            Path staging = Files.createTempDirectory(parent, "." + target.getFileName() + ".");
            try {
                List<String> written = Pages.write(site, reader.sources(), page -> {
                    Path file = staging.resolve(page);
                    Files.createDirectories(file.getParent());
                    return Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                });
                Files.writeString(staging.resolve(MARKER), "written by `planning report --html`; the next report "
                        + "replaces this directory\n", StandardCharsets.UTF_8);
                Path old = null;
                if (Files.exists(target)) {
                    old = Files.createTempDirectory(parent, "." + target.getFileName() + ".old.");
                    Files.delete(old);
                    Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                }
                try {
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(staging, target);
                }
                if (old != null) {
                    deleteTree(old);
                }
                return new ReportResult(target, target.resolve("index.html"), written, site.cycles().size(),
                        site.attention().size());
            } finally {
                if (Files.exists(staging)) {
                    deleteTree(staging);
                }
            }
        } catch (IOException e) {
            // Judged as every write of the product's files is: the user's (permission, a file in the way, exit 2)
            // or the system's (a full disk, EIO, exit 3); was an UncheckedIOException, an internal error (fail36).
            throw WriteFailures.of("cannot write the report", WriteFailures.failedPath(e, target), shown, e);
        }
    }

    /**
     * The keys the report judges with: the workspace's, read now (a trust file edited meanwhile counts),
     * after checking that they are the keys given to the builder, if any ({@link Builder#trustedKeys}).
     */
    private Optional<TrustedKeys> keys() {
        Optional<TrustedKeys> own = workspace.trustedKeys();
        trust.ifPresent(expected -> requireSameTrust(expected, own));
        return trust.or(() -> own);
    }

    /**
     * Refuses keys given to the report that are not the workspace's: the same keys (role, key id,
     * algorithm, public key, as a set) and the same signing policy, wherever they were read from. No key
     * at all and the workspace given none are the same trust: no signature counts either way.
     */
    static void requireSameTrust(TrustedKeys expected, Optional<TrustedKeys> own) {
        TrustedKeys workspaceKeys = own.orElse(TrustedKeys.none());
        if (fingerprints(expected).equals(fingerprints(workspaceKeys))
                && expected.signing().equals(workspaceKeys.signing())) {
            return;
        }
        throw new InvalidInputException("the report was given trusted keys (" + expected.keys().size() + " from "
                + expected.source() + ") that are not the workspace's (" + own.map(k -> k.keys().size() + " from "
                + k.source()).orElse("it was built with none") + "): the report judges every cycle with the"
                + " workspace's keys, as `planning status` and `advance` do; build the workspace with these keys"
                + " (Planning.builder().trustedKeys(keys) or .trustFile(FILE)) and report on it");
    }

    /** A trusted key as trust compares it: its public key by its encoded bytes, not by its object. */
    private record Fingerprint(String role, String keyId, SignatureAlgorithm algorithm, String publicKey) {
    }

    private static Set<Fingerprint> fingerprints(TrustedKeys keys) {
        Set<Fingerprint> out = new HashSet<>();
        for (TrustedKey k : keys.keys()) {
            out.add(new Fingerprint(k.role(), k.keyId(), k.algorithm(),
                    Base64.getEncoder().encodeToString(k.publicKey().getEncoded())));
        }
        return out;
    }

    private void refuseUnsafe(Path target, String shown) {
        if (Files.isRegularFile(target)) {
            throw new InvalidInputException("is a file; the report needs a directory", SourceLocation.ofFile(shown));
        }
        Path root = workspace.root().toAbsolutePath().normalize();
        for (String protectedDir : List.of(layout.rulebookDir(), layout.streamsRoot())) {
            Path p = root.resolve(protectedDir).normalize();
            if (target.startsWith(p) || p.startsWith(target)) {
                throw new InvalidInputException("the report directory would overlap the workspace's " + protectedDir
                        + "/; choose a directory outside it", SourceLocation.ofFile(shown));
            }
        }
        if (root.startsWith(target)) {
            throw new InvalidInputException("the report directory contains the workspace", SourceLocation.ofFile(shown));
        }
        if (Files.isDirectory(target)) {
            boolean empty;
            try (Stream<Path> list = Files.list(target)) {
                empty = list.findAny().isEmpty();
            } catch (IOException e) {
                throw DirectoryEntries.cannotRead(target, shown, "the report cannot replace it", e);
            }
            if (!empty && !Files.isRegularFile(target.resolve(MARKER))) {
                throw new InvalidInputException("exists, is not empty and is not an earlier report (no " + MARKER
                        + "); choose another directory", SourceLocation.ofFile(shown));
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    /** Configures an {@link HtmlReport}; not thread-safe. */
    public static final class Builder {

        private final PlanningWorkspace workspace;
        private WorkspaceLayout layout;
        private TrustedKeys trust;
        private LocalDate asOf;

        private Builder(PlanningWorkspace workspace) {
            this.workspace = Objects.requireNonNull(workspace, "workspace");
        }

        /**
         * Where artifacts live, instead of the workspace's own ({@link PlanningWorkspace#layout()}, the
         * layout its builder was given, which is used by default).
         *
         * @param value where artifacts live, instead of the workspace's own
         * @return this builder
         */
        public Builder layout(WorkspaceLayout value) {
            this.layout = Objects.requireNonNull(value, "layout");
            return this;
        }

        /**
         * The keys the report is expected to judge signatures with; they must be the workspace's own
         * ({@link PlanningWorkspace#trustedKeys()}, the keys or trust file its builder was given, which the
         * report uses without this), or the report refuses to render. Without either, signatures are shown
         * as not verified and every cycle past {@code PACKAGED} as an unsigned history.
         *
         * <p>Why the workspace's keys and no others: what the report shows of a cycle past {@code PACKAGED}
         * is what {@code planning status} says ({@link PlanningWorkspace#checkHistory}), and that check and
         * the lifecycle's guard are the workspace's, made with the keys it was built with (only
         * {@link PlanningWorkspace#verify(dev.planning.api.lifecycle.CycleRef, TrustedKeys)} takes keys of its
         * own, and judges with those alone); a report cannot make them again with other keys through a
         * {@link PlanningWorkspace}. A report given other keys would judge a cycle twice, with two trust
         * sets: its manifest signed under one and its history unsigned under the other, or the reverse. So
         * an embedder who wants a report judged with some keys builds the workspace with them
         * ({@code Planning.builder().trustedKeys(keys)}); this method only checks that it did.
         *
         * @param keys the keys the report is expected to judge signatures with: the workspace's own (the
         *             same keys by role, key id, algorithm and public key, and the same signing policy,
         *             wherever they were read from; no keys matches a workspace given none)
         * @return this builder
         */
        public Builder trustedKeys(TrustedKeys keys) {
            this.trust = Objects.requireNonNull(keys, "trustedKeys");
            return this;
        }

        /**
         * The day waivers are judged against (expired, expiring within two weeks); required.
         *
         * @param day the day waivers are judged against (expired, expiring within two weeks); required
         * @return this builder
         */
        public Builder asOf(LocalDate day) {
            this.asOf = Objects.requireNonNull(day, "asOf");
            return this;
        }

        /**
         * The report.
         *
         * @return the report
         * @throws IllegalStateException when no {@link #asOf} was given
         * @throws InvalidInputException when the keys given to {@link #trustedKeys} are not the
         *                               workspace's, or its trust file cannot be read
         */
        public HtmlReport build() {
            if (asOf == null) {
                throw new IllegalStateException("asOf(LocalDate) is required: the report does not read the clock");
            }
            // Refused here already, and again when the report reads the keys (a trust file may change).
            if (trust != null) {
                requireSameTrust(trust, workspace.trustedKeys());
            }
            return new HtmlReport(this);
        }
    }
}
