package dev.planning.engine.internal.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Link;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;

class DigestLinkTest {

    private static final String DIGEST = "cycles/fe/2025-09-02/digest.md";

    @Test
    void aLinkIsRelativeToTheDigestsDirectory() {
        assertThat(DigestModel.link(DIGEST, "cycles/fe/2025-09-02/handoff/manifest.yaml")).isEqualTo("handoff/manifest.yaml");
        assertThat(DigestModel.link(DIGEST, "reports/junit.xml")).isEqualTo("../../../reports/junit.xml");
        assertThat(DigestModel.link(DIGEST, "cycles/fe/2025-08-19/digest.md")).isEqualTo("../2025-08-19/digest.md");
    }

    @Test
    void dotAndDotDotSegmentsAreNormalizedBeforeTheCommonDirectoriesAreCounted() {
        assertThat(DigestModel.link(DIGEST, "cycles/fe/x/../2025-09-02/./handoff/manifest.yaml"))
                .isEqualTo("handoff/manifest.yaml");
        assertThat(DigestModel.link("cycles/fe/./2025-09-02/../2025-09-02/digest.md", "cycles/fe/2025-08-19/digest.md"))
                .isEqualTo("../2025-08-19/digest.md");
        assertThat(DigestModel.link(DIGEST, "reports/../cycles/fe/2025-09-02/e.json")).isEqualTo("e.json");
    }

    @Test
    void aPathClimbingAboveTheWorkspaceIsRefusedNamingIt() {
        assertThatThrownBy(() -> DigestModel.link(DIGEST, "reports/../../etc/passwd"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'reports/../../etc/passwd'")
                .hasMessageContaining("climbs above the workspace");
    }

    @Test
    void aNonAsciiNameLinksWithoutThePlatformCharset() {
        // Path.of would refuse this name under LC_ALL=C (sun.jnu.encoding ASCII): the link is worked out as text.
        assertThat(DigestModel.link(DIGEST, "reports/axe ü.json")).isEqualTo("../../../reports/axe%20%C3%BC.json");
    }

    @Test
    void spacesParenthesesAndAColonStayInsideOneMarkdownLink() {
        for (String name : new String[] {"reports/a (b).json", "reports/x) [y](javascript:z.json", "c:d.json"}) {
            String destination = DigestModel.link("digest.md", name);
            String[] seen = new String[1];
            Parser.builder().build().parse("[f](" + destination + ")").accept(new AbstractVisitor() {
                @Override
                public void visit(Link link) {
                    seen[0] = link.getDestination();
                }
            });
            assertThat(seen[0]).as(name).isEqualTo(destination);
            assertThat(destination).doesNotStartWith("c:").doesNotContain(" ", "(", ")");
        }
    }
}
