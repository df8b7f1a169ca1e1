package dev.planning.cli;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.planning.api.Printable;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.governance.Waiver;
import java.util.List;

/**
 * What a signer approves besides the handoff's artifacts: the manifest's tags ({@code governance.tags}, the
 * tags of the handed-off tasks, {@code key:value}: the criticality, compliance and data classification the
 * signature attests) and its waivers ({@code governance.waivers}), each an exception to a rule that the
 * signature now backs. {@code sign} prints them with its result, so that a key holder sees what the signature
 * approves; tags, rule, item, approver and reason are text anyone who commits writes, so each is shown on one
 * line, escaped ({@link Printable#line}).
 */
final class SignedWaivers {

    private SignedWaivers() {
    }

    /** {@code sign --format json}: the signature added, and the waivers it approves. */
    record SignedJson(@JsonUnwrapped SealReports.SignedJson signed, List<String> tags, List<WaiverJson> waivers) {
    }

    /** One waiver of the manifest, as the decision log states it. */
    record WaiverJson(String rule, String item, String approver, String expires, String reason) {
    }

    static SignedJson json(SealReports.SignedJson signed, HandoffManifest manifest) {
        return new SignedJson(signed, manifest.governance().tags(), manifest.governance().waivers().stream().map(w -> new WaiverJson(w.rule(),
                w.item(), w.approver(), w.expires().toString(), w.reason())).toList());
    }

    /** The tags, then the waivers, as lines under {@code sign}'s result, one per tag and one per waiver. */
    static String text(HandoffManifest manifest) {
        List<String> tags = manifest.governance().tags();
        StringBuilder text = new StringBuilder();
        if (tags.isEmpty()) {
            text.append("  tags approved by this signature: none\n");
        } else {
            text.append("  tags approved by this signature (").append(tags.size())
                    .append(", the manifest's governance.tags):\n");
            tags.forEach(tag -> text.append("    - ").append(Printable.line(tag)).append('\n'));
        }
        List<Waiver> waivers = manifest.governance().waivers();
        if (waivers.isEmpty()) {
            return text.append("  waivers approved by this signature: none\n").toString();
        }
        text.append("  waivers approved by this signature (" + waivers.size()
                + ", the manifest's governance.waivers):\n");
        for (Waiver w : waivers) {
            text.append("    - rule ").append(Printable.line(w.rule())).append(", item ").append(Printable.line(w.item()))
                    .append(", approved by ").append(Printable.line(w.approver())).append(", expires ")
                    .append(w.expires()).append(": ").append(Printable.line(w.reason())).append('\n');
        }
        return text.toString();
    }
}
