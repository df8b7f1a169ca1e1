package dev.planning.rules.internal.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.planning.rules.impact.ImpactFinding;
import dev.planning.rules.impact.RulebookImpact;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON document of {@code planning rules diff} (moved from the command line's {@code ImpactReports}).
 *
 * @since 0.1
 */
public final class ImpactReports {

    private ImpactReports() {
    }

    /**
     * {@code rules diff --format json}.
     *
     * @param base the base rulebook
     * @param head the head rulebook
     * @param blocksNew whether the change blocks a cycle that passes today
     * @param weakens whether a setting governs less
     * @param settings the settings that differ
     * @param cycles each cycle
     */
    public record ImpactJson(SideJson base, SideJson head, @JsonProperty("blocks_new") boolean blocksNew,
            boolean weakens, List<SettingJson> settings, List<CycleJson> cycles) {
    }

    /**
     * One setting of {@code rulebook.yaml} that differs: its values on each side, and whether it weakens.
     *
     * @param setting the setting
     * @param base its base value
     * @param head its head value
     * @param change the kind of change
     * @param reason why a change is not judged weakening or strengthening, left out when none is given
     */
    public record SettingJson(String setting, String base, String head, String change,
            @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {
    }

    /**
     * One side of the comparison: the rulebook shown and its hash.
     *
     * @param rulebook the rulebook, as shown
     * @param rulebookHash its hash
     */
    public record SideJson(String rulebook, @JsonProperty("rulebook_hash") String rulebookHash) {
    }

    /**
     * One cycle: blocked under each rulebook, and the findings the head adds and resolves.
     *
     * @param cycle the cycle
     * @param blockedBase whether the base blocks it
     * @param blockedHead whether the head blocks it
     * @param newlyBlocked whether only the head blocks it
     * @param added the findings the head adds
     * @param resolved the findings the head resolves
     */
    public record CycleJson(String cycle, @JsonProperty("blocked_base") boolean blockedBase,
            @JsonProperty("blocked_head") boolean blockedHead, @JsonProperty("newly_blocked") boolean newlyBlocked,
            List<FindingJson> added, List<FindingJson> resolved) {
    }

    /**
     * One finding of a rule, with the values it compared and its fix hint when it has them.
     *
     * @param rule the rule
     * @param item the item, or {@code null}
     * @param severity the severity, in lower case
     * @param message the message
     * @param file the file, or {@code null}
     * @param line the line, 0 when none
     * @param column the column, 0 when none
     * @param facts the values compared, left out when none
     * @param hint the fix, left out when none
     */
    public record FindingJson(String rule, String item, String severity, String message, String file, int line, int column,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> facts,
            @JsonInclude(JsonInclude.Include.NON_NULL) String hint) {
    }

    /**
     * The document of a rulebook change's impact.
     *
     * @param impact the impact
     * @param base how the document names the base rulebook
     * @param head how the document names the head rulebook
     * @return its document
     */
    public static ImpactJson json(RulebookImpact impact, String base, String head) {
        return new ImpactJson(new SideJson(base, impact.baseHash()), new SideJson(head, impact.headHash()),
                impact.blocksNew(), impact.weakens(), impact.settings().stream()
                        .map(c -> new SettingJson(c.setting(), c.base(), c.head(), c.kind(), c.reason().orElse(null)))
                        .toList(),
                impact.cycles().stream().map(c -> new CycleJson(c.cycle().toString(),
                        c.blockedBase(), c.blockedHead(), c.newlyBlocked(),
                        c.added().stream().map(ImpactReports::finding).toList(),
                        c.resolved().stream().map(ImpactReports::finding).toList())).toList());
    }

    private static String severity(ImpactFinding f) {
        return f.severity().name().toLowerCase(Locale.ROOT);
    }

    private static FindingJson finding(ImpactFinding f) {
        return new FindingJson(f.rule(), f.item().orElse(null), severity(f), f.message(),
                f.location().map(l -> l.file()).orElse(null), f.location().map(l -> l.line()).orElse(0),
                f.location().map(l -> l.column()).orElse(0), f.facts(), f.hint().orElse(null));
    }
}
