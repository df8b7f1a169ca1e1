package dev.planning.engine.internal.outcome;

import dev.planning.api.InvalidInputException;
import dev.planning.api.Printable;
import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.engine.internal.artifact.ErrorList;
import dev.planning.engine.internal.workspace.Shown;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the totals of a JaCoCo XML report: the {@code LINE} and {@code BRANCH} counters that are
 * direct children of {@code <report>} (a report that states one of them twice is refused), and each
 * {@code <sourcefile>}'s {@code <line nr mi ci mb cb>} elements ({@link CoverageReport#files()}), keyed
 * by its package and its name (not the {@code <group>}s around it: a module's report and an aggregate of
 * it name one file alike), so that reports of one file can be merged ({@link CoverageReports#total}); a
 * package not spelt as JaCoCo writes it ({@code shop/cart}) or a source file name holding a directory is
 * refused. A source file's lines must agree with its own {@code LINE} and
 * {@code BRANCH} counters, and the source files together must not count more than the report's totals:
 * which of two disagreeing counts is true cannot be known, so neither is believed. A line listed twice,
 * a line with no instruction, a source file listed twice in a package or outside one, and a count that is not a whole
 * number of at most 18 digits are refused too, each at its element.
 *
 * <pre>{@code
 * CoverageReport report = JacocoXml.read(Path.of("target/site/jacoco/jacoco.xml"), "jacoco.xml");
 * report.lines().percent();
 * }</pre>
 *
 * <p>A mistake in an attribute is named at its value's line and column, a mistake of an element at its
 * {@code <} ({@link XmlPlaces}: the text is decoded only when there is a mistake); every mistake of the
 * report in one refusal, the first {@value ErrorList#MAX_SHOWN} listed and the rest counted.
 *
 * <p>The report is parsed as a stream over its bytes (the parser's memory does not grow with its size),
 * with DTD processing and external entities switched off: JaCoCo's {@code <!DOCTYPE report ... "report.dtd">} is skipped, never
 * fetched, and a document that declares or uses entities is refused rather than expanded.
 * Thread-safe.
 */
public final class JacocoXml {

    private static final XMLInputFactory FACTORY = SecureXml.factory(); // the hardening the other reports get

    /** A count as JaCoCo writes it; compiled once, as a report has five per line. */
    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d{1,18}");

    /** A package as a class file names it (JVMS 4.2.1): segments joined by {@code /}, none empty. */
    private static final Pattern VM_PACKAGE = Pattern.compile("[^/.;\\[\\\\]+(/[^/.;\\[\\\\]+)*");

    /** A source file's name: no directory in it. */
    private static final Pattern VM_FILE = Pattern.compile("[^/\\\\]+");

    private JacocoXml() {
    }

    /**
     * Reads a report file.
     *
     * @param displayPath how errors name the file
     * @throws InvalidInputException when the file cannot be read or is not a well-formed JaCoCo
     *                               report, located at the offending line and column
     */
    public static CoverageReport read(Path file, String displayPath) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read the JaCoCo report: " + Shown.why(e),
                    SourceLocation.ofFile(displayPath), e);
        }
        return parse(content, displayPath);
    }

    /**
     * Parses a report from a stream (not closed), read whole first ({@link #parse(byte[], String)}).
     *
     * @throws InvalidInputException when it cannot be read or is not a well-formed JaCoCo report
     */
    public static CoverageReport parse(InputStream in, String displayPath) {
        byte[] content;
        try {
            content = in.readAllBytes();
        } catch (IOException e) {
            throw new InvalidInputException("cannot read the JaCoCo report: " + Shown.why(e),
                    SourceLocation.ofFile(displayPath), e);
        }
        return parse(content, displayPath);
    }

    /** Whether bytes are a JaCoCo XML report: well-formed up to a root element named {@code report}. */
    public static boolean isReport(byte[] content) {
        try (InputStream in = new ByteArrayInputStream(content)) {
            XMLStreamReader xml = FACTORY.createXMLStreamReader(in);
            try {
                return firstElement(xml) && "report".equals(xml.getLocalName());
            } finally {
                xml.close();
            }
        } catch (IOException | XMLStreamException e) {
            return false;
        }
    }

    /**
     * Parses a report's bytes.
     *
     * @throws InvalidInputException when it is not a well-formed JaCoCo report: every mistake, each at its
     *                               attribute's value (or its element's {@code <} when no attribute is wrong)
     */
    public static CoverageReport parse(byte[] content, String displayPath) {
        XMLStreamReader xml = null;
        try {
            xml = FACTORY.createXMLStreamReader(new ByteArrayInputStream(content));
            // Where a mistake is, found again in the text only when there is one (errors23: StAX names the end of
            // the start tag, which in a JaCoCo report, written on one line, can be far from the attribute).
            XmlPlaces places = new XmlPlaces(content, xml.getEncoding(), displayPath);
            if (!firstElement(xml)) {
                throw new InvalidInputException("not a JaCoCo XML report: no root element, expected <report>",
                        located(displayPath, xml));
            }
            if (!"report".equals(xml.getLocalName())) {
                throw new InvalidInputException("not a JaCoCo XML report: the root element is <" + xml.getLocalName()
                        + ">, expected <report>", places.attribute(xml.getLocation(), null));
            }
            // Every mistake of the report, each at its element, in one refusal (errors21: the first alone was);
            // bounded, the rest counted (errors23).
            ErrorList.Mistakes mistakes = new ErrorList.Mistakes();
            Coverage lines = Coverage.NONE;
            Coverage branches = Coverage.NONE;
            Set<String> totals = new HashSet<>();
            SourceLocation firstClasses = null;
            Sources sources = new Sources(displayPath, places);
            int depth = 1;
            while (depth > 0) {
                int event;
                try {
                    event = xml.next();
                } catch (XMLStreamException e) {
                    // Not XML from here on: the parser cannot go on, so this is the last mistake found.
                    mistakes.add(Finding.error("outcome.invalid", "not a well-formed JaCoCo XML report: " + reason(e),
                            malformedAt(e, displayPath)));
                    break;
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    if (++depth > SecureXml.MAX_DEPTH) {
                        mistakes.add(Finding.error("outcome.invalid", "elements nested more than " + SecureXml.MAX_DEPTH
                                + " deep; a test or coverage report nests a few levels",
                                places.attribute(xml.getLocation(), null)));
                        break;
                    }
                    readOn(sources, true, xml, mistakes);
                    if (depth == 2 && firstClasses == null
                            && ("package".equals(xml.getLocalName()) || "group".equals(xml.getLocalName()))) {
                        firstClasses = places.attribute(xml.getLocation(), null);
                    }
                    if (depth == 2 && "counter".equals(xml.getLocalName())) {
                        String type = xml.getAttributeValue(null, "type");
                        if (("LINE".equals(type) || "BRANCH".equals(type)) && !totals.add(type)) {
                            // JaCoCo writes each total once; which of two would count is a guess.
                            mistakes.add(Finding.error("outcome.invalid", "<report> has a second <counter type=\""
                                    + type + "\">: a report states each total once",
                                    places.attribute(xml.getLocation(), "type")));
                        } else if ("LINE".equals(type)) {
                            lines = counter(xml, places, mistakes);
                        } else if ("BRANCH".equals(type)) {
                            branches = counter(xml, places, mistakes);
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                    readOn(sources, false, xml, mistakes);
                } else if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                    mistakes.add(Finding.error("outcome.invalid", "the report uses the entity &" + xml.getLocalName()
                            + "; entities are not accepted in coverage reports", places.last('&', xml.getLocation())));
                }
            }
            if (depth == 0 && firstClasses != null && !totals.contains("LINE")) {
                // Its lines would count as none: the missed lines of every class in it gone from the totals.
                mistakes.add(Finding.error("outcome.invalid", "<report> holds classes but no <counter type=\"LINE\">"
                        + " total: expected the totals JaCoCo writes at the end of <report>", firstClasses));
            }
            // Read to the end, so that a second root (another report's missed lines) is refused by the parser, not skipped.
            try {
                while (depth == 0 && xml.hasNext()) {
                    xml.next();
                }
            } catch (XMLStreamException e) {
                mistakes.add(Finding.error("outcome.invalid", "not a well-formed JaCoCo XML report: " + reason(e),
                        malformedAt(e, displayPath)));
            }
            // Document order: the missing total is found at the end, named at the first classes.
            mistakes.sortByLocation();
            if (!mistakes.isEmpty()) {
                throw mistakes.exception("invalid JaCoCo XML report", SourceLocation.ofFile(displayPath));
            }
            sources.requireWithin(lines, branches, located(displayPath, xml));
            return new CoverageReport(displayPath, CoverageReport.Format.JACOCO_XML, lines, branches, sources.files);
        } catch (XMLStreamException e) {
            throw new InvalidInputException("not a well-formed JaCoCo XML report: " + reason(e), malformedAt(e, displayPath),
                    e);
        } finally {
            close(xml);
        }
    }

    /**
     * Reads an element's start or end into the source files; a refusal is one of the report's mistakes, and
     * what it makes unknowable is not read (see {@link Sources#refused}), while the source files after it
     * still are, so that every refused source file is named in one run (errors24: none after the first was).
     */
    private static void readOn(Sources sources, boolean start, XMLStreamReader xml, ErrorList.Mistakes mistakes) {
        try {
            if (start) {
                sources.start(xml);
            } else {
                sources.end(xml);
            }
        } catch (InvalidInputException e) {
            mistakes.add(Finding.error("outcome.invalid", e.getMessage(), e.location().orElseThrow()));
            sources.refused(start);
        }
    }

    /**
     * The {@code <sourcefile>}s of a report as the parser meets them, each told apart in the report by the
     * {@code <group>}s around it, its package and its name, keyed by its package and name, with its
     * {@code <line>}s checked against its own counters.
     */
    private static final class Sources {
        private final String displayPath;
        private final XmlPlaces places;
        private final List<SourceCoverage> files = new ArrayList<>();
        private final Set<List<String>> keys = new HashSet<>();
        /** The names of the open elements, the innermost last. */
        private final Deque<String> open = new ArrayDeque<>();
        private final Deque<String> groups = new ArrayDeque<>();
        private String packageName;
        private Source source;
        /**
         * The depth ({@code open}'s size) of the element whose rest is not read after a refusal, or 0: its
         * contents would refuse again for the same mistake, or belong to a name that is not known.
         */
        private int skipping;

        Sources(String displayPath, XmlPlaces places) {
            this.displayPath = displayPath;
            this.places = places;
        }

        void start(XMLStreamReader xml) {
            String name = xml.getLocalName();
            String parent = open.isEmpty() ? "report" : open.peekLast();
            open.addLast(name);
            if (skipping > 0) {
                return;
            }
            if (name.equals("group") && (parent.equals("report") || parent.equals("group"))) {
                groups.addLast(named(xml));
            } else if (name.equals("package") && (parent.equals("report") || parent.equals("group"))) {
                packageName = named(xml);
                requireVmPackage(packageName, places.attribute(xml.getLocation(), "name"));
            } else if (name.equals("sourcefile") && parent.equals("package")) {
                String file = named(xml);
                // Where a report that is read names it; a mistake in it is named at its tag (XmlPlaces).
                SourceLocation at = located(displayPath, xml);
                requireVmFileName(file, places.attribute(xml.getLocation(), "name"));
                // Named across reports by package and name alone: a module's report and an aggregate that
                // groups the module name one file alike (CoverageReports refuses a name two groups share).
                List<String> key = List.of(CoverageReport.Format.JACOCO_XML.name(), packageName, file);
                List<String> grouped = new ArrayList<>(groups);
                grouped.addAll(key);
                if (!keys.add(grouped)) {
                    // JaCoCo writes a source file once per package: which of two to count is a guess.
                    throw new InvalidInputException("<sourcefile name=\"" + key.get(key.size() - 1) + "\"> appears a"
                            + " second time in package " + packageName + ": a report lists each source file once",
                            places.attribute(xml.getLocation(), "name"));
                }
                source = new Source(key, at, XmlPlaces.End.of(xml.getLocation()), open.size());
            } else if (name.equals("sourcefile")) {
                // Its lines would belong to no package, and read as no source file's (review21: was an NPE).
                String file = xml.getAttributeValue(null, "name");
                throw new InvalidInputException("<sourcefile" + (file == null ? "" : " name=\"" + Printable.line(file)
                        + "\"") + "> is inside <" + parent + ">: expected it inside a <package>, as JaCoCo writes it",
                        places.attribute(xml.getLocation(), null));
            } else if (name.equals("line") && parent.equals("sourcefile")) {
                source.line(xml);
            } else if (name.equals("counter") && parent.equals("sourcefile")) {
                source.counter(xml);
            }
        }

        void end(XMLStreamReader xml) {
            int depth = open.size();
            String name = open.pollLast();
            if (skipping > 0) {
                if (depth == skipping) {
                    skipping = 0;
                }
                return;
            }
            String parent = open.isEmpty() ? "report" : open.peekLast();
            if ("group".equals(name) && (parent.equals("report") || parent.equals("group"))) {
                groups.pollLast();
            } else if ("sourcefile".equals(name) && parent.equals("package")) {
                files.add(source.checked());
                source = null;
            }
        }

        /**
         * After a refusal at an element's start: the rest of the source file it is in (its counts would be off
         * by the refused line, and refused again), or else the refused element's contents (a package or group
         * whose name is refused holds files of no known name) are not read; the elements after them are. A
         * refusal at a source file's end was its last: the next source file is read as usual.
         */
        void refused(boolean atStart) {
            if (atStart) {
                skipping = source != null ? source.depth : open.size();
            }
            source = null;
        }

        /** The source files' lines are part of the report's, so they add up to at most its totals. */
        void requireWithin(Coverage lines, Coverage branches, SourceLocation end) {
            Coverage listedLines = Coverage.NONE;
            Coverage listedBranches = Coverage.NONE;
            try {
                for (SourceCoverage file : files) {
                    listedLines = listedLines.plus(file.lines());
                    listedBranches = listedBranches.plus(file.branches());
                }
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("the <sourcefile> counts of the report cannot be added up: "
                        + e.getMessage(), end, e);
            }
            within("LINE", listedLines, lines, end);
            within("BRANCH", listedBranches, branches, end);
        }

        private static void within(String type, Coverage listed, Coverage total, SourceLocation end) {
            if (listed.covered() > total.covered() || listed.missed() > total.missed()) {
                throw new InvalidInputException("the <sourcefile>s of the report count " + listed.covered()
                        + " covered and " + listed.missed() + " missed " + type + " but the report's <counter type=\""
                        + type + "\"> total has covered=\"" + total.covered() + "\" missed=\"" + total.missed()
                        + "\": expected the total to hold at least its source files' counts", end);
            }
        }

        /**
         * Refuses a package name JaCoCo does not write: a class file's name for it ({@code shop/cart}, or empty
         * for the default package). Spelt otherwise ({@code shop.cart}, {@code shop//cart}), one file would be two
         * names across reports and count twice.
         */
        private static void requireVmPackage(String packageName, SourceLocation at) {
            if (!packageName.isEmpty() && !VM_PACKAGE.matcher(packageName).matches()) {
                throw new InvalidInputException("<package name=\"" + Printable.line(packageName) + "\"> is not a"
                        + " package as JaCoCo names it: expected its segments joined by / (shop/cart), none empty and"
                        + " none holding . \\ ; or [, so that one source file has one name in every report", at);
            }
        }

        /** Refuses a source file name holding a directory: JaCoCo names a file within its package. */
        private static void requireVmFileName(String file, SourceLocation at) {
            if (!VM_FILE.matcher(file).matches()) {
                throw new InvalidInputException("<sourcefile name=\"" + Printable.line(file) + "\"> is not a file"
                        + " name: expected a name without / or \\, as JaCoCo writes it, so that one source file has"
                        + " one name in every report", at);
            }
        }

        private String named(XMLStreamReader xml) {
            String name = xml.getAttributeValue(null, "name");
            if (name == null) {
                throw new InvalidInputException("<" + xml.getLocalName() + "> has no name attribute: expected the name"
                        + " JaCoCo writes", places.attribute(xml.getLocation(), null));
            }
            return name;
        }

        /** One {@code <sourcefile>} being read. */
        private final class Source {
            private final List<String> key;
            private final SourceLocation location;
            /** Where the parser ended its start tag: a mistake of the whole file is named at its {@code <}. */
            private final XmlPlaces.End endOfTag;
            private final Map<Long, Boolean> lineHits = new HashMap<>();
            private final Map<String, Coverage> branchHits = new HashMap<>();
            private Coverage lineCounter;
            private Coverage branchCounter;
            /** Its element's depth ({@code open}'s size at its start). */
            private final int depth;

            Source(List<String> key, SourceLocation location, XmlPlaces.End endOfTag, int depth) {
                this.depth = depth;
                this.key = key;
                this.location = location;
                this.endOfTag = endOfTag;
            }

            void line(XMLStreamReader xml) {
                long nr = attribute(xml, "nr");
                long mi = attribute(xml, "mi");
                long ci = attribute(xml, "ci");
                long mb = attribute(xml, "mb");
                long cb = attribute(xml, "cb");
                if (mi == 0 && ci == 0) {
                    throw new InvalidInputException("<line nr=\"" + nr + "\"> has no instruction (mi=\"0\" ci=\"0\"):"
                            + " expected mi or ci above 0, as JaCoCo writes only lines with code",
                            places.attribute(xml.getLocation(), null));
                }
                if (lineHits.put(nr, ci > 0) != null) {
                    throw new InvalidInputException("<line nr=\"" + nr + "\"> appears a second time in <sourcefile name=\""
                            + key.get(key.size() - 1) + "\">: a report lists each line once",
                            places.attribute(xml.getLocation(), "nr"));
                }
                if (mb > 0 || cb > 0) {
                    branchHits.put(Long.toString(nr), new Coverage(cb, mb));
                }
            }

            void counter(XMLStreamReader xml) {
                String type = xml.getAttributeValue(null, "type");
                if ("LINE".equals(type)) {
                    lineCounter = once(lineCounter, xml);
                } else if ("BRANCH".equals(type)) {
                    branchCounter = once(branchCounter, xml);
                }
            }

            private Coverage once(Coverage before, XMLStreamReader xml) {
                if (before != null) {
                    throw new InvalidInputException("<sourcefile name=\"" + key.get(key.size() - 1) + "\"> has a second"
                            + " <counter type=\"" + xml.getAttributeValue(null, "type") + "\">: a source file states each"
                            + " total once", places.attribute(xml.getLocation(), "type"));
                }
                ErrorList.Mistakes found = new ErrorList.Mistakes();
                Coverage counted = JacocoXml.counter(xml, places, found);
                if (!found.isEmpty()) {
                    Finding first = found.kept().get(0);
                    throw new InvalidInputException(first.message(), first.location().orElseThrow());
                }
                return counted;
            }

            /** The source file, its lines agreeing with its counters (JaCoCo writes a counter only when above 0). */
            SourceCoverage checked() {
                Coverage lines = SourceCoverage.countLines(lineHits);
                Coverage branches;
                try {
                    branches = SourceCoverage.countBranches(branchHits);
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException("the branches of <sourcefile name=\"" + key.get(key.size() - 1)
                            + "\"> cannot be added up: " + e.getMessage(), places.attribute(endOfTag, null), e);
                }
                agree("LINE", lines, lineCounter);
                agree("BRANCH", branches, branchCounter);
                return new SourceCoverage(key, location, lines, branches, lineHits, branchHits);
            }

            private void agree(String type, Coverage listed, Coverage counter) {
                Coverage stated = counter == null ? Coverage.NONE : counter;
                if (!listed.equals(stated)) {
                    // Which of the two is true cannot be known: neither is believed (as Lcov refuses LH > LF).
                    throw new InvalidInputException("the <line>s of <sourcefile name=\"" + key.get(key.size() - 1)
                            + "\"> count " + listed.covered() + " covered and " + listed.missed() + " missed " + type
                            + " but its <counter type=\"" + type + "\"> " + (counter == null ? "is absent (0)"
                            : "has covered=\"" + stated.covered() + "\" missed=\"" + stated.missed() + "\"")
                            + ": expected the counter to count its lines", places.attribute(endOfTag, null));
                }
            }

            private long attribute(XMLStreamReader xml, String name) {
                String value = xml.getAttributeValue(null, name);
                if (value == null || !WHOLE_NUMBER.matcher(value).matches()) {
                    throw new InvalidInputException("<line> has " + name + "=" + (value == null ? "nothing"
                            : "\"" + value + "\"") + "; expected a whole number of at most 18 digits",
                            places.attribute(xml.getLocation(), value == null ? null : name));
                }
                return Long.parseLong(value);
            }
        }
    }

    /** Moves to the root element past the prolog (declaration, DOCTYPE, comments); false if there is none. */
    private static boolean firstElement(XMLStreamReader xml) throws XMLStreamException {
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
            if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                return false;
            }
        }
        return false;
    }

    private static Coverage counter(XMLStreamReader xml, XmlPlaces places, ErrorList.Mistakes mistakes) {
        long missed = count(xml, "missed", places, mistakes);
        long covered = count(xml, "covered", places, mistakes);
        return missed < 0 || covered < 0 ? Coverage.NONE : new Coverage(covered, missed);
    }

    /** The count, or -1 when it is not one (a mistake added). */
    private static long count(XMLStreamReader xml, String attribute, XmlPlaces places, ErrorList.Mistakes mistakes) {
        String value = xml.getAttributeValue(null, attribute);
        if (value == null || !WHOLE_NUMBER.matcher(value).matches()) {
            mistakes.add(Finding.error("outcome.invalid", "<counter type=\"" + xml.getAttributeValue(null, "type")
                    + "\"> has " + attribute + "=" + (value == null ? "nothing" : "\"" + Printable.line(value) + "\"")
                    + "; expected a whole number of at most 18 digits",
                    places.attribute(xml.getLocation(), value == null ? null : attribute)));
            return -1;
        }
        return Long.parseLong(value);
    }

    private static SourceLocation malformedAt(XMLStreamException e, String displayPath) {
        return e.getLocation() == null ? SourceLocation.ofFile(displayPath)
                : new SourceLocation(displayPath, Math.max(e.getLocation().getLineNumber(), 0),
                        Math.max(e.getLocation().getColumnNumber(), 0));
    }

    private static SourceLocation located(String displayPath, XMLStreamReader xml) {
        return new SourceLocation(displayPath, Math.max(xml.getLocation().getLineNumber(), 0),
                Math.max(xml.getLocation().getColumnNumber(), 0));
    }

    private static String reason(XMLStreamException e) {
        return SecureXml.reason(e);
    }

    private static void close(XMLStreamReader xml) {
        if (xml == null) {
            return;
        }
        try {
            xml.close();
        } catch (XMLStreamException ignored) {
            // The underlying stream is closed by the caller; nothing else is held.
        }
    }
}
