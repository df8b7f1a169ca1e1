package dev.planning.report;

import static dev.planning.report.Html.attr;
import static dev.planning.report.Html.badge;
import static dev.planning.report.Html.href;
import static dev.planning.report.Html.text;
import static dev.planning.report.Html.textOfShown;

import dev.planning.api.Printable;
import dev.planning.api.artifact.ArtifactChecksum;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.artifact.ManifestSignature;
import dev.planning.api.artifact.Task;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.governance.Waiver;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.rulebook.KpiDirection;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.VerificationReport;
import dev.planning.engine.internal.digest.SealedByLog;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The site's pages: the portfolio, one page per cycle, one source view per file findings point at. */
final class Pages {

    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

    private Pages() {
    }

    /**
     * The page of a cycle, relative to the site root: {@code cycles/STREAM_CYCLE.html}. One page per
     * cycle, also on a file system that ignores case: a stream never holds {@code _} (so the first
     * {@code _} ends it) and is lower case; in the cycle id, {@code _} is written {@code __} and an
     * upper-case letter {@code _} and the letter in lower case ({@code 2025-Q3} is {@code 2025-_q3}).
     * Joining with {@code --}, as before, gave stream {@code a--b}'s cycle {@code c} and stream
     * {@code a}'s cycle {@code b--c} one page. Not {@code .} after the stream: Windows reads
     * {@code nul.x.html} (streams {@code con}, {@code nul}, {@code aux}, {@code com1} are valid) as a device.
     */
    static String cyclePage(CycleRef ref) {
        StringBuilder out = new StringBuilder("cycles/").append(ref.stream()).append('_');
        String id = ref.cycleId();
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == '_') {
                out.append("__");
            } else if (c >= 'A' && c <= 'Z') {
                out.append('_').append((char) (c - 'A' + 'a'));
            } else {
                out.append(c);
            }
        }
        return out.append(".html").toString();
    }

    /**
     * The source view of a workspace file, relative to the site root: a readable name and the
     * SHA-256 of the path (all of it: the readable part maps many paths to one name, and a shorter
     * hash leaves a contributor who chooses among them a pair that shares a page). The readable part
     * holds no {@code .}: Windows reads {@code con.yaml-HASH.html} as a device, whatever follows the dot.
     *
     * @param path a path as {@link #sourcePath} gives it (spellings of one path share its page)
     */
    static String sourcePage(String path) {
        String name = path.replaceAll("[^A-Za-z0-9_-]+", "_");
        if (name.length() > 80) {
            name = name.substring(name.length() - 80);
        }
        return "source/" + name + "-" + sha256(path) + ".html";
    }

    /**
     * A workspace-relative path as the site names it: leading, repeated and trailing {@code /} dropped,
     * then {@code .} and {@code ..} segments folded on the parsed path ({@link Path#normalize}), so that
     * every spelling of one file ({@code ./P}, {@code a//P/}, {@code a/../a/../P}) names one page. Findings
     * name files as their evidence writes them, and a page per spelling let one file be copied into the
     * site once per spelling (docs/SECURITY.md, thirteenth review). Empty, no source page, for a path
     * that leaves the workspace ({@code ../P}, {@code a/../../P}), names its root ({@code a/..}) or is no
     * path ({@code NUL}): such a location is shown without a link.
     */
    static Optional<String> sourcePath(String path) {
        int start = 0;
        while (start < path.length() && path.charAt(start) == '/') {
            start++;
        }
        Path parsed;
        try {
            parsed = Path.of(path.substring(start)).normalize();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        if (parsed.isAbsolute() || parsed.toString().isEmpty() || parsed.startsWith("..")) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder();
        for (Path segment : parsed) {
            out.append(out.isEmpty() ? "" : "/").append(segment);
        }
        return Optional.of(out.toString());
    }

    /** Where {@link #write} puts each page: a stream it writes the page's UTF-8 bytes to, then closes. */
    @FunctionalInterface
    interface Files {
        /** Opens the page at {@code path}, relative to the site root, for writing. */
        OutputStream open(String path) throws IOException;
    }

    /**
     * Renders every page of the site and writes each to {@code files} as it is rendered, one page at a
     * time, never holding one whole: the portfolio, the cycle pages in the model's order, then the
     * source views in path order (the bound on the source files shown is spent in that order, each file
     * read while its page is written). Every page's path is checked first: two pages with one path (in
     * any case) would leave one unseen, so then nothing is written.
     *
     * @return every page's path, in path order
     */
    static List<String> write(Model.Site site, WorkspaceReader.Sources sources, Files files) throws IOException {
        Set<String> taken = new HashSet<>();
        List<String> paths = new ArrayList<>();
        paths.add("index.html");
        site.cycles().forEach(c -> paths.add(c.page()));
        site.sources().values().forEach(s -> paths.add(s.page()));
        for (String path : paths) {
            if (!taken.add(path.toLowerCase(Locale.ROOT))) {
                throw new IllegalStateException("two pages of the report share the path " + path);
            }
        }
        try (PageOut out = new PageOut(files.open("index.html"))) {
            portfolio(out, site);
        }
        for (Model.CycleView cycle : site.cycles()) {
            try (PageOut out = new PageOut(files.open(cycle.page()))) {
                cycle(out, site, cycle);
            }
        }
        for (Model.SourceFile source : site.sources().values()) {
            try (PageOut out = new PageOut(files.open(source.page()))) {
                source(out, site, source, sources.text(source.path()));
            }
        }
        paths.sort(null);
        return paths;
    }

    private static String footer(Model.Site site) {
        return "Rulebook " + text(site.rulebookVersion()) + " <span class=\"mono\">sha256:" + text(site.rulebookHash())
                + "</span> \u00b7 waivers judged as of " + site.asOf() + " \u00b7 static page: no script, no network";
    }

    // ---------------------------------------------------------------- portfolio

    static void portfolio(PageOut b, Model.Site site) {
        Html.pageStart(b, "Planning portfolio", "", "");
        b.append("<h1>Planning portfolio</h1>\n<p class=\"lead\">").append(site.cycles().size())
                .append(site.cycles().size() == 1 ? " cycle" : " cycles").append(" in ")
                .append(site.cycles().stream().map(c -> c.ref().stream()).distinct().count())
                .append(" stream(s). Each cycle's state is drawn on the lifecycle; open a cycle for its attempts, "
                        + "findings, manifest and KPIs.</p>\n");
        b.append("<section aria-labelledby=\"attention\"><h2 id=\"attention\">Needs attention</h2>\n");
        if (site.attention().isEmpty()) {
            b.append("<p>").append(badge("ok")).append(" Nothing needs attention: no refused transition, failing "
                    + "verification, pending signature or expiring waiver.</p>\n");
        } else {
            b.append("<ul class=\"attention\">\n");
            for (Attention a : site.attention()) {
                b.append("<li><strong>").append(text(a.kind())).append(":</strong> <a href=\"")
                        .append(pageHref("", a.page())).append("\">").append(text(a.cycle())).append("</a> \u2014 ")
                        .append(textOfShown(a.text())).append("</li>\n");
            }
            b.append("</ul>\n");
        }
        b.append("</section>\n");
        Map<String, List<Model.CycleView>> streams = new LinkedHashMap<>();
        site.cycles().forEach(c -> streams.computeIfAbsent(c.ref().stream(), k -> new ArrayList<>()).add(c));
        streams.forEach((stream, cycles) -> {
            String id = "stream-" + stream;
            b.append("<section aria-labelledby=\"").append(attr(id)).append("\"><h2 id=\"").append(attr(id))
                    .append("\">Stream ").append(text(stream)).append("</h2>\n<div class=\"cards\">\n");
            for (Model.CycleView c : cycles) {
                b.append(card(site, c));
            }
            b.append("</div></section>\n");
        });
        Html.pageEnd(b, footer(site));
    }

    private static String card(Model.Site site, Model.CycleView c) {
        StringBuilder b = new StringBuilder();
        String name = c.ref().stream() + " / " + c.ref().cycleId();
        b.append("<article class=\"card\" aria-label=\"Cycle ").append(attr(name)).append("\">\n<h3><a href=\"")
                .append(href("", c.page(), "")).append("\">Cycle ").append(text(name)).append("</a></h3>\n");
        b.append(lifecycle(c));
        b.append("<dl class=\"facts\">\n<dt>State</dt><dd class=\"state\">")
                .append(c.state().map(s -> text(s.name())).orElse("unknown (event log unreadable)"))
                .append(unsignedMark(c)).append("</dd>\n");
        b.append("<dt>Last transition</dt><dd>").append(c.lastTransition().map(Pages::transition).orElse("none"))
                .append("</dd>\n");
        long passed = c.latestGates().values().stream().filter(s -> !s.equals("FAIL")).count();
        List<String> failed = c.latestGates().entrySet().stream().filter(e -> e.getValue().equals("FAIL"))
                .map(Map.Entry::getKey).toList();
        b.append("<dt>Gates</dt><dd>");
        if (c.latestGates().isEmpty()) {
            b.append("none run yet");
        } else {
            b.append(passed).append(" passed, ").append(failed.size()).append(" failed");
            if (!failed.isEmpty()) {
                b.append(" ").append(badge("fail")).append(" ").append(text(String.join(", ", failed)));
            }
        }
        b.append("</dd>\n<dt>Signatures</dt><dd>").append(signingSummary(c)).append("</dd>\n");
        b.append("<dt>Waivers</dt><dd>");
        if (c.waivers().isEmpty()) {
            b.append("none");
        } else {
            b.append(c.waivers().stream().map(w -> text(w.rule()) + " for " + text(w.item()) + " until " + w.expires()
                    + (site.asOf().isAfter(w.expires()) ? " " + badge("expired") : ""))
                    .collect(Collectors.joining("; ")));
        }
        b.append("</dd>\n</dl>\n</article>\n");
        return b.toString();
    }

    /** After the state: a mark when the history past PACKAGED is not backed ({@code planning status} says so). */
    private static String unsignedMark(Model.CycleView c) {
        return c.unsignedHistory().isEmpty() ? "" : " " + badge("unsigned history");
    }

    private static String signingSummary(Model.CycleView c) {
        if (c.manifest().isEmpty()) {
            return "not sealed yet";
        }
        if (c.signing().isEmpty()) {
            return "no signing policy; " + c.manifest().get().signatures().size() + " signature(s)";
        }
        return c.signing().stream().map(r -> text(String.join("/", r.roles())) + " " + r.signed() + " of " + r.min()
                + " " + badge(r.met() ? "met" : "pending")).collect(Collectors.joining(", "));
    }

    private static String transition(PlanningEvent e) {
        String move = e.fromState().map(s -> text(s.name()) + " \u2192 ").orElse("created as ")
                + e.toState().map(s -> text(s.name())).orElse("");
        return move + " on " + e.timestamp() + " by <strong>" + text(e.triggeredBy()) + "</strong>";
    }

    private static String lifecycle(Model.CycleView c) {
        Set<CycleState> visited = EnumSet.noneOf(CycleState.class);
        for (PlanningEvent e : c.events()) {
            if (e.type() == dev.planning.api.event.EventType.STATE_TRANSITION
                    || e.type() == dev.planning.api.event.EventType.CYCLE_CREATED
                    || e.type() == dev.planning.api.event.EventType.CYCLE_COMPLETED) {
                e.fromState().ifPresent(visited::add);
                e.toState().ifPresent(visited::add);
            }
        }
        Optional<CycleState> refused = Optional.empty();
        if (!c.attempts().isEmpty() && !c.attempts().get(c.attempts().size() - 1).accepted()) {
            refused = c.attempts().get(c.attempts().size() - 1).event().toState();
        }
        String label = "Lifecycle of " + c.ref().stream() + "/" + c.ref().cycleId() + ": "
                + c.state().map(Svg::label).orElse("state unknown")
                + refused.map(s -> "; the last attempt to reach " + Svg.label(s) + " was refused").orElse("");
        return Svg.lifecycle(c.state(), visited, refused, label);
    }

    private static String pageHref(String prefix, String pageWithFragment) {
        int hash = pageWithFragment.indexOf('#');
        return hash < 0 ? href(prefix, pageWithFragment, "")
                : href(prefix, pageWithFragment.substring(0, hash), pageWithFragment.substring(hash + 1));
    }

    // ---------------------------------------------------------------- cycle page

    static void cycle(PageOut b, Model.Site site, Model.CycleView c) {
        String name = c.ref().stream() + " / " + c.ref().cycleId();
        Html.pageStart(b, "Cycle " + name, "../", "");
        b.append("<h1>Cycle ").text(name).append("</h1>\n<p class=\"lead\">State: <strong class=\"state\">")
                .append(c.state().map(s -> text(s.name())).orElse("unknown")).append("</strong>")
                .append(unsignedMark(c));
        c.lastTransition().ifPresent(e -> b.append(" \u00b7 last transition ").append(transition(e)));
        b.append("</p>\n");
        if (!c.unsignedHistory().isEmpty()) {
            b.append("<section aria-labelledby=\"history\"><h2 id=\"history\">Unsigned history</h2><p>The event log "
                    + "says this cycle left PACKAGED, but <code>planning status</code> does not accept that history; "
                    + "the state and lifecycle below are the log's claim:</p><ul class=\"problems\">");
            c.unsignedHistory().forEach(p -> b.append("<li>").append(textOfShown(p)).append("</li>"));
            b.append("</ul></section>\n");
        }
        b.append("<nav aria-label=\"On this page\"><p>On this page: <a href=\"#path\">Lifecycle</a> \u00b7 "
                + "<a href=\"#findings\">Findings</a> \u00b7 <a href=\"#governance\">Governance</a> \u00b7 "
                + "<a href=\"#manifest\">Manifest</a> \u00b7 <a href=\"#kpis\">KPIs</a> \u00b7 "
                + "<a href=\"#actions\">Improvement actions</a> \u00b7 <a href=\"#plan\">Plan</a></p></nav>\n");
        if (!c.problems().isEmpty()) {
            b.append("<section aria-labelledby=\"problems\"><h2 id=\"problems\">Problems reading this cycle</h2>"
                    + "<ul class=\"problems\">");
            c.problems().forEach(p -> b.append("<li>").append(textOfShown(p.shown())).append("</li>"));
            b.append("</ul></section>\n");
        }
        attempts(b, c);
        findings(b, c);
        governance(b, site, c);
        manifest(b, site, c);
        kpis(b, c);
        actions(b, c);
        plan(b, c);
        Html.pageEnd(b, footer(site));
    }

    private static void attempts(PageOut b, Model.CycleView c) {
        b.append("<section aria-labelledby=\"path\"><h2 id=\"path\">Lifecycle path</h2>\n").append(lifecycle(c));
        b.append("<h3>Every attempt</h3>\n");
        if (c.attempts().isEmpty()) {
            b.append("<p>No transition has been attempted yet.</p>\n</section>\n");
            return;
        }
        List<Svg.Step> steps = c.attempts().stream().map(a -> new Svg.Step(a.number(), a.accepted(),
                Svg.label(a.to()), a.event().timestamp().toString().replace('T', ' ').replace("Z", ""),
                a.event().triggeredBy())).toList();
        long refused = c.attempts().stream().filter(a -> !a.accepted()).count();
        b.append("<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Attempts time line\">")
                .append(Svg.timeline(steps, c.attempts().size() + " attempts, " + refused + " refused"))
                .append("</div>\n");
        Html.tableStart(b, "Attempts", "<th scope=\"col\">#</th><th scope=\"col\">When (UTC)</th>"
                + "<th scope=\"col\">Transition</th><th scope=\"col\">Result</th><th scope=\"col\">By</th>"
                + "<th scope=\"col\">Gates</th>");
        for (Model.Attempt a : c.attempts()) {
            b.append("<tr id=\"attempt-").append(a.number()).append("\"><td class=\"num\">").append(a.number())
                    .append("</td><td>").append(a.event().timestamp()).append("</td><td>")
                    .append(text(a.from().name())).append(" \u2192 ").append(text(a.to().name())).append("</td><td>")
                    .append(badge(a.accepted() ? "accepted" : "refused")).append("</td><td>")
                    .text(a.event().triggeredBy()).append("</td><td>")
                    .append(a.gates().stream().map(g -> text(g.gate()) + " " + badge(g.status()))
                            .collect(Collectors.joining("<br>")))
                    .append("</td></tr>\n");
        }
        Html.tableEnd(b);
        b.append("</section>\n");
    }

    private static void findings(PageOut b, Model.CycleView c) {
        b.append("<section aria-labelledby=\"findings\"><h2 id=\"findings\">Gate findings</h2>\n");
        boolean any = c.attempts().stream().flatMap(a -> a.gates().stream()).anyMatch(g -> !g.findings().isEmpty());
        if (!any) {
            b.append("<p>").append(badge("ok")).append(" No gate reported a finding.</p>\n</section>\n");
            return;
        }
        Html.tableStart(b, "Gate findings", "<th scope=\"col\">Attempt</th><th scope=\"col\">Gate</th>"
                + "<th scope=\"col\">Severity</th><th scope=\"col\">Code</th><th scope=\"col\">Message</th>"
                + "<th scope=\"col\">Where</th>");
        // Each evidence file's findings once, at the first attempt naming it: the event log (anyone who
        // commits writes it) may name one file in any number of attempts (docs/SECURITY.md, thirteenth review).
        Map<String, Integer> listedAt = new HashMap<>();
        for (Model.Attempt a : c.attempts()) {
            for (Model.GateRun g : a.gates()) {
                Integer first = g.evidencePath().isEmpty() || g.findings().isEmpty() ? null
                        : listedAt.putIfAbsent(g.evidencePath().get(), a.number());
                if (first != null) {
                    b.append("<tr><td><a href=\"#attempt-").append(a.number()).append("\">#").append(a.number())
                            .append("</a></td><td>").text(g.gate()).append("</td><td colspan=\"4\">")
                            .append(g.findings().size()).append(" finding(s) of the same evidence file as attempt ")
                            .append("<a href=\"#attempt-").append(first).append("\">#").append(first)
                            .append("</a>, listed there</td></tr>\n");
                    continue;
                }
                for (Model.FindingRow f : g.findings()) {
                    b.append("<tr><td><a href=\"#attempt-").append(a.number()).append("\">#").append(a.number())
                            .append("</a></td><td>").text(g.gate()).append("</td><td>")
                            .append(Html.severity(f.severity())).append("</td><td><code>").text(f.code())
                            .append("</code></td><td>").textOfShown(f.message()).append("</td><td>");
                    location(b, f);
                    b.append("</td></tr>\n");
                }
            }
        }
        Html.tableEnd(b);
        b.append("</section>\n");
    }

    private static void location(PageOut b, Model.FindingRow f) {
        if (f.file().isEmpty() || f.file().get().isBlank()) {
            b.append("\u2014");
            return;
        }
        String file = f.file().get();
        String shown = file + (f.line() > 0 ? ":" + f.line() + (f.column() > 0 ? ":" + f.column() : "") : "");
        Optional<String> source = sourcePath(file);
        if (source.isEmpty()) {
            b.append("<code>").text(shown).append("</code>"); // outside the workspace: no source page
            return;
        }
        b.append("<a class=\"finding-link\" href=\"")
                .append(href("../", sourcePage(source.get()), f.line() > 0 ? "L" + f.line() : ""))
                .append("\"><code>").text(shown).append("</code></a>");
    }

    private static void governance(PageOut b, Model.Site site, Model.CycleView c) {
        b.append("<section aria-labelledby=\"governance\"><h2 id=\"governance\">Governance</h2>\n");
        List<Model.ViolationRow> violations = c.violations();
        if (violations.isEmpty()) {
            b.append("<p>").append(badge("ok")).append(" The latest governance run found no violation.</p>\n");
        } else {
            Html.tableStart(b, "Governance violations", "<th scope=\"col\">Rule</th><th scope=\"col\">Item</th>"
                    + "<th scope=\"col\">Severity</th><th scope=\"col\">Message</th><th scope=\"col\">Values</th>"
                    + "<th scope=\"col\">Waiver</th><th scope=\"col\">Where</th>");
            for (Model.ViolationRow v : violations) {
                b.append("<tr><td><code>").text(v.rule()).append("</code></td><td>").text(v.item())
                        .append("</td><td>").append(Html.severity(v.severity())).append("</td><td>").text(v.message())
                        .append("</td><td>");
                if (v.values().isEmpty()) {
                    b.append("\u2014");
                } else {
                    b.append("<dl class=\"facts\">");
                    v.values().forEach((k, val) -> b.append("<dt>").text(k).append("</dt><dd>").text(val).append("</dd>"));
                    b.append("</dl>");
                }
                b.append("</td><td>");
                if (v.waiver().isPresent()) {
                    Waiver w = v.waiver().get();
                    b.append(badge("waived")).append(" by ").text(w.approver()).append(" until ")
                            .append(w.expires()).append(": ").text(w.reason());
                } else {
                    b.append(badge("not waived"));
                }
                b.append("</td><td>");
                Optional<WorkspaceReader.Location> loc = v.location().flatMap(WorkspaceReader::parseLocation);
                if (loc.isPresent()) {
                    WorkspaceReader.Location l = loc.get();
                    location(b, new Model.FindingRow("governance", v.rule(), v.severity(), Printable.line(v.message()),
                            Optional.of(l.file()), l.line(), l.column(), Optional.of(v.item())));
                } else {
                    b.append("\u2014");
                }
                b.append("</td></tr>\n");
            }
            Html.tableEnd(b);
        }
        b.append("<h3 id=\"waivers\">Waivers in the decision log</h3>\n");
        if (c.waivers().isEmpty()) {
            b.append("<p>None.</p>\n");
        } else {
            Html.tableStart(b, "Waivers", "<th scope=\"col\">Rule</th><th scope=\"col\">Item</th>"
                    + "<th scope=\"col\">Reason</th><th scope=\"col\">Approver</th><th scope=\"col\">Expires</th>");
            for (Waiver w : c.waivers()) {
                String status = site.asOf().isAfter(w.expires()) ? "expired"
                        : site.asOf().plusDays(WorkspaceReader.EXPIRY_WARNING_DAYS).isBefore(w.expires()) ? "active"
                        : "expiring";
                b.append("<tr><td><code>").text(w.rule()).append("</code></td><td>").text(w.item())
                        .append("</td><td>").text(w.reason()).append("</td><td>").text(w.approver())
                        .append("</td><td>").append(w.expires()).append(" ").append(badge(status))
                        .append("</td></tr>\n");
            }
            Html.tableEnd(b);
        }
        b.append("</section>\n");
    }

    private static void manifest(PageOut b, Model.Site site, Model.CycleView c) {
        b.append("<section aria-labelledby=\"manifest\"><h2 id=\"manifest\">Sealed manifest</h2>\n");
        if (c.manifest().isEmpty()) {
            if (!SealedByLog.of(c.state(), c.events())) {
                b.append("<p>Not sealed yet.</p>\n</section>\n");
                return;
            }
            // Sealed by the log, yet no manifest: deleted, or a seal that did not finish (attack32).
            b.append("<p>").append(badge("missing")).append(" The event log records this cycle as sealed, but there is no"
                    + " handoff manifest: it was deleted (restore it from version control; <code>planning seal</code>"
                    + " refuses to seal it anew), or sealing did not finish (run <code>planning seal</code> again to"
                    + " finish it).</p>\n");
            c.verification().ifPresent(v -> {
                b.append("<ul class=\"problems\">");
                v.discrepancies().forEach(d -> b.append("<li>").append(textOfShown(d.describe())).append("</li>"));
                b.append("</ul>\n");
            });
            b.append("</section>\n");
            return;
        }
        HandoffManifest m = c.manifest().get();
        b.append("<dl class=\"facts\"><dt>Manifest</dt><dd><code>").append(text(m.manifestId())).append("</code></dd>")
                .append("<dt>Sealed</dt><dd>").append(m.sealed() ? "yes" : "no").append(", at ").append(m.sealedAt())
                .append(" by ").append(text(m.createdBy())).append("</dd>")
                .append("<dt>Snapshot</dt><dd><code>").append(text(m.snapshotRev())).append("</code>")
                .append(m.dirty() ? " (working tree had changes)" : "").append("</dd>")
                .append("<dt>Rulebook</dt><dd><code>sha256:").append(text(m.rulebookHash())).append("</code></dd>")
                .append("<dt>Verification</dt><dd>");
        Optional<VerificationReport> v = c.verification();
        if (v.isEmpty()) {
            b.append(site.trustGiven() ? "could not be run (see problems)" : badge("pending")
                    + " not verified: no trusted keys were given to the report");
        } else if (v.get().passed()) {
            b.append(badge("verified")).append(" ").append(v.get().artifactsChecked()).append(" artifacts match; ")
                    .append(v.get().countedSignatures().size()).append(" signature(s) counted");
        } else {
            b.append(badge("failed")).append(" ").append(v.get().discrepancies().size()).append(" discrepancies");
        }
        b.append("</dd></dl>\n");
        if (v.isPresent() && !v.get().passed()) {
            b.append("<ul class=\"problems\">");
            for (Discrepancy d : v.get().discrepancies()) {
                b.append("<li>").append(textOfShown(d.describe())).append("</li>");
            }
            b.append("</ul>\n");
        }
        b.append("<h3>Signatures</h3>\n");
        if (m.signatures().isEmpty()) {
            b.append("<p>No signature yet.</p>\n");
        } else {
            Html.tableStart(b, "Signatures", "<th scope=\"col\">Role</th><th scope=\"col\">Key</th>"
                    + "<th scope=\"col\">Algorithm</th><th scope=\"col\">Signed at</th><th scope=\"col\">Check</th>");
            for (ManifestSignature s : m.signatures()) {
                String status = v.isEmpty() ? "unverified"
                        : v.get().countedSignatures().contains(s) ? "verified" : "not counted";
                b.append("<tr><td>").text(s.role()).append("</td><td><code>").text(s.keyId())
                        .append("</code></td><td>").text(s.algorithm()).append("</td><td>").append(s.signedAt())
                        .append("</td><td>").append(badge(status)).append("</td></tr>\n");
            }
            Html.tableEnd(b);
        }
        if (!c.signing().isEmpty()) {
            b.append("<p>Signing policy: ").append(signingSummary(c)).append("</p>\n");
        }
        b.append("<h3>Sealed artifacts</h3>\n");
        Html.tableStart(b, "Sealed artifacts", "<th scope=\"col\">Path</th><th scope=\"col\">SHA-256</th>");
        for (ArtifactChecksum a : m.artifacts()) {
            b.append("<tr><td><code>").text(a.path()).append("</code></td><td><code>")
                    .text(a.sha256()).append("</code></td></tr>\n");
        }
        Html.tableEnd(b);
        b.append("</section>\n");
    }

    private static void kpis(PageOut b, Model.CycleView c) {
        b.append("<section aria-labelledby=\"kpis\"><h2 id=\"kpis\">KPIs</h2>\n");
        if (c.digest().isEmpty()) {
            // digest41: a digest there but refused is not "no digest yet": why it is not shown, as the problems say.
            b.append(c.digestProblem()
                    .map(p -> "<p>The cycle's digest is not shown: " + textOfShown(p.text()) + "</p>\n")
                    .orElse("<p>No digest published for this cycle yet (<code>planning digest</code>).</p>\n"))
                    .append("</section>\n");
            return;
        }
        b.append("<p>From the published digests of stream ").append(text(c.ref().stream()))
                .append(" up to this cycle (the last ").append(WorkspaceReader.TREND_DIGESTS)
                .append("), oldest first; the dashed line is the target.</p>\n<div class=\"charts\">\n");
        for (Model.KpiTrend k : c.kpis()) {
            String verdict;
            if (k.actual().isEmpty()) {
                verdict = "not measured";
            } else if (k.target().isEmpty()) {
                verdict = "no target";
            } else {
                // The digest's rule, not a copy of it (hostile36): a direction it does not know is refused.
                boolean meets = KpiDirection.parse(k.direction()).meets(k.actual().get(), k.target().get());
                verdict = meets ? "meets target" : "misses target";
            }
            b.append("<figure class=\"chart\" id=\"kpi-").append(attr(k.name())).append("\"><figcaption><strong>")
                    .append(text(k.name())).append("</strong>: ")
                    .append(k.actual().map(a -> text(Html.number(a)) + " " + text(k.unit())).orElse("not measured"))
                    .append(" ").append(badge(verdict)).append("</figcaption>")
                    .append(Svg.kpiChart(k.name(), k.unit(), k.points(), k.target())).append("</figure>\n");
        }
        b.append("</div>\n");
        int more = c.digest().get().kpis().size() - c.kpis().size();
        if (more > 0) {
            b.append("<p>").append(more).append(" more KPIs of this cycle's digest are not drawn (a page draws the first ")
                    .append(WorkspaceReader.MAX_KPI_CHARTS).append(").</p>\n");
        }
        b.append("</section>\n");
    }

    private static void actions(PageOut b, Model.CycleView c) {
        b.append("<section aria-labelledby=\"actions\"><h2 id=\"actions\">Improvement actions</h2>\n");
        if (c.actions().isEmpty()) {
            b.append("<p>None recorded.</p>\n</section>\n");
            return;
        }
        Html.tableStart(b, "Improvement actions", "<th scope=\"col\">Id</th><th scope=\"col\">Action</th>"
                + "<th scope=\"col\">Owner</th><th scope=\"col\">Due</th><th scope=\"col\">Where it went</th>");
        for (Model.ActionRow r : c.actions()) {
            b.append("<tr><td><code>").text(r.action().id()).append("</code></td><td>")
                    .text(r.action().action()).append("</td><td>").text(r.action().owner())
                    .append("</td><td>").append(r.action().due().map(Object::toString).orElse("\u2014"))
                    .append("</td><td>");
            if (r.carriedInto().isPresent()) {
                CycleRef into = new CycleRef(c.ref().stream(), r.carriedInto().get());
                b.append("carried into <a href=\"").append(href("../", cyclePage(into), "plan")).append("\">cycle ")
                        .text(into.cycleId()).append("</a> as task <code>").text(r.carriedAs().orElse(""))
                        .append("</code>");
            } else {
                b.append("not carried into a later plan yet");
            }
            b.append("</td></tr>\n");
        }
        Html.tableEnd(b);
        b.append("</section>\n");
    }

    private static void plan(PageOut b, Model.CycleView c) {
        b.append("<section aria-labelledby=\"plan\"><h2 id=\"plan\">Plan</h2>\n");
        if (c.tasks().isEmpty()) {
            b.append("<p>No readable plan.</p>\n</section>\n");
            return;
        }
        b.append("<p>").append(c.tasks().size()).append(" work items from <code>")
                .append(text(c.planPath().orElse(""))).append("</code>.</p>\n");
        Html.tableStart(b, "Plan", "<th scope=\"col\">Id</th><th scope=\"col\">Title</th><th scope=\"col\">Owner</th>"
                + "<th scope=\"col\">Status</th>");
        for (Task t : c.tasks()) {
            b.append("<tr><td><code>").text(t.id()).append("</code></td><td>").text(t.title())
                    .append("</td><td>").text(t.owner().orElse("\u2014")).append("</td><td>")
                    .text(t.status().name()).append("</td></tr>\n");
        }
        Html.tableEnd(b);
        b.append("</section>\n");
    }

    // ---------------------------------------------------------------- source view

    static void source(PageOut b, Model.Site site, Model.SourceFile s, WorkspaceReader.SourceText shown) {
        Html.pageStart(b, "Source " + s.path(), "../", "");
        b.append("<h1>Source: <code>").text(s.path()).append("</code></h1>\n");
        int marked = s.marks().values().stream().mapToInt(List::size).sum();
        b.append("<p class=\"lead\">").append(marked).append(" finding(s) point into this file; their lines are "
                + "marked \u201cfinding\u201d and highlighted.</p>\n");
        List<Model.FindingRow> fileLevel = s.marks().getOrDefault(0, List.of());
        if (!fileLevel.isEmpty()) {
            b.append("<h2>Findings about the whole file</h2><ul>");
            fileLevel.forEach(f -> b.append("<li>").append(Html.severity(f.severity())).append(" <code>").text(f.code())
                    .append("</code> ").textOfShown(f.message()).append("</li>"));
            b.append("</ul>\n");
        }
        if (shown.text().isEmpty()) {
            b.append("<p class=\"problems\">").textOfShown(shown.problem()).append("</p>\n");
        } else {
            String text = shown.text().get();
            b.append("<ol class=\"source\" aria-label=\"").attr(s.path()).append("\">\n");
            // Line by line, as split("\r\n|\r|\n", -1) cuts it (a last, empty line after a final break).
            Matcher breaks = LINE_BREAK.matcher(text);
            int from = 0;
            for (int n = 1; ; n++) {
                boolean more = breaks.find();
                List<Model.FindingRow> marks = s.marks().getOrDefault(n, List.of());
                b.append("<li id=\"L").append(n).append("\"").append(marks.isEmpty() ? "" : " class=\"hit\"")
                        .append("><a class=\"ln\" href=\"#L").append(n).append("\" aria-label=\"Line ").append(n)
                        .append("\">").append(n).append("</a><code>")
                        .textOfShown(text.substring(from, more ? breaks.start() : text.length())).append("</code>");
                for (Model.FindingRow f : marks) {
                    b.append("<span class=\"note\">\u25B2 finding (").text(f.severity()).append(", ")
                            .text(f.gate()).append("): ").textOfShown(f.message()).append(" [")
                            .text(f.code()).append("]</span>");
                }
                b.append("</li>\n");
                if (!more) {
                    break;
                }
                from = breaks.end();
            }
            b.append("</ol>\n");
        }
        Html.pageEnd(b, footer(site));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
