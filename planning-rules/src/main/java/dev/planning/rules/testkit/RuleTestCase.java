package dev.planning.rules.testkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.SourceLocation;
import dev.planning.api.governance.GovernanceInput;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One rule test: given these facts, expect these violations (and, when {@code only}, no others).
 *
 * @param name   what the case shows, e.g. "critical item needs three approvals"
 * @param given  the facts to judge
 * @param expect the unwaived violations expected, by rule and item
 * @param only   whether any other unwaived violation fails the case (the file format's default)
 * @param source where the case is written
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record RuleTestCase(
        String name, GovernanceInput given, List<ExpectedViolation> expect, boolean only, SourceLocation source) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param name what the case shows, e.g. "critical item needs three approvals"
     * @param given the facts to judge
     * @param expect the unwaived violations expected, by rule and item
     * @param only whether any other unwaived violation fails the case (the file format's default)
     * @param source where the case is written
     */
    public RuleTestCase {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(given, "given");
        expect = List.copyOf(expect);
        Objects.requireNonNull(source, "source");
    }

    /**
     * The case's stable, unique name: its file and its name, {@code tests/critical.yaml::critical
     * item needs three approvals}. Names are unique within a file ({@link RuleTestFiles} refuses
     * duplicates), so ids are unique within a rulebook.
     *
     * @return the case's stable, unique name
     */
    public String id() {
        return source.file() + "::" + name;
    }
}
