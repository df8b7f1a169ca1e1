package dev.planning.rules.internal.defaults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.rules.TestRulebooks;
import dev.planning.rules.internal.drools.DroolsGovernanceEngine;
import dev.planning.rules.internal.drools.DroolsGovernanceEngineFactory;
import dev.planning.rules.testkit.RuleTestFiles;
import dev.planning.rules.testkit.RuleTestReport;
import dev.planning.rules.testkit.RuleTestRunner;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultRulebookTest {

    @TempDir
    Path dir;

    @Test
    void ownTestFilesPassAndCoverEveryRule() {
        Rulebook rulebook = TestRulebooks.defaultRulebook(dir);
        DroolsGovernanceEngine engine = new DroolsGovernanceEngineFactory().create(rulebook);

        RuleTestReport report = RuleTestRunner.forRulebook(rulebook).run(RuleTestFiles.readRulebookTests(dir));

        assertThat(report.results()).hasSizeGreaterThanOrEqualTo(engine.ruleNames().size());
        assertThat(report.passed()).as(report.summary()).isTrue();
        assertThat(report.uncovered()).as(report.summary()).isEmpty();
        assertThat(report.coveragePercent()).isEqualTo(100.0);
    }

    @Test
    void shipsTheRulesTheSpecificationNames() {
        Rulebook rulebook = TestRulebooks.defaultRulebook(dir);

        assertThat(new DroolsGovernanceEngineFactory().create(rulebook).ruleNames()).containsExactlyInAnyOrder(
                "critical-approvals", "critical-review-board", "critical-emergency-contact", "critical-rollback-plan",
                "critical-acceptance-criteria", "missing-owner", "cross-stream-contract", "sox-audit-trail",
                "sox-change-freeze", "gdpr-data-handling", "required-tags", "allowed-tag-values");
    }

    @Test
    void copiesEveryIndexedFileWithItsContent() throws Exception {
        List<Path> written = DefaultRulebook.copyTo(dir.resolve("rulebook"));

        assertThat(written).hasSize(DefaultRulebook.files().size());
        for (String file : DefaultRulebook.files()) {
            assertThat(dir.resolve("rulebook").resolve(file)).hasBinaryContent(DefaultRulebook.read(file));
        }
        assertThat(Files.readString(dir.resolve("rulebook/rulebook.yaml"))).contains("default_profile: fe");
        try (Stream<Path> leftovers = Files.walk(dir)) {
            assertThat(leftovers.filter(p -> p.toString().endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void refusesToOverwriteAndWritesNothingThen() throws Exception {
        Path target = dir.resolve("rulebook");
        Files.createDirectories(target.resolve("rules"));
        Files.writeString(target.resolve("rules/critical.drl"), "// mine");

        assertThatThrownBy(() -> DefaultRulebook.copyTo(target))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("refusing to overwrite")
                .satisfies(e -> assertThat(((InvalidInputException) e).location().orElseThrow().file())
                        .endsWith("critical.drl"));
        assertThat(target.resolve("rulebook.yaml")).doesNotExist();
        assertThat(target.resolve("rules/critical.drl")).hasContent("// mine");
    }

    @Test
    void indexListsExactlyTheShippedFiles() throws URISyntaxException, Exception {
        Path root = Path.of(DefaultRulebook.class.getClassLoader()
                .getResource(DefaultRulebook.RESOURCE_ROOT + "rulebook.yaml").toURI()).getParent();
        List<String> onDisk;
        try (Stream<Path> files = Files.walk(root)) {
            onDisk = files.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
        assertThat(DefaultRulebook.files()).containsExactlyElementsOf(onDisk);
    }

    @Test
    void refusesToReadAFileItDoesNotShip() {
        assertThatThrownBy(() -> DefaultRulebook.read("../secret"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("has no file");
    }
}
