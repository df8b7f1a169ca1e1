package dev.planning.rules.internal.drools;

import dev.planning.api.governance.Violation;
import dev.planning.api.governance.Waiver;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Splits violations into unwaived and waived. A waiver covers exactly one rule and item and only
 * while it is active on the day of judgement; an expired waiver waives nothing and is reported as
 * unused, like one that matched nothing.
 */
record WaiverApplication(List<Violation> unwaived, List<Violation> waived, List<Waiver> unused) {

    static final Comparator<Violation> ORDER = Comparator.comparing(Violation::rule)
            .thenComparing(Violation::item)
            .thenComparing(Violation::message);

    WaiverApplication {
        unwaived = List.copyOf(unwaived);
        waived = List.copyOf(waived);
        unused = List.copyOf(unused);
    }

    static WaiverApplication apply(List<Violation> violations, List<Waiver> waivers, LocalDate today) {
        List<Violation> unwaived = new ArrayList<>();
        List<Violation> waived = new ArrayList<>();
        Set<Waiver> used = new LinkedHashSet<>();
        for (Violation violation : violations.stream().sorted(ORDER).toList()) {
            Waiver cover = waivers.stream()
                    .filter(w -> w.activeOn(today) && w.covers(violation))
                    .findFirst()
                    .orElse(null);
            if (cover == null) {
                unwaived.add(violation);
            } else {
                waived.add(violation);
                used.add(cover);
            }
        }
        List<Waiver> unused = waivers.stream().filter(w -> !used.contains(w)).toList();
        return new WaiverApplication(unwaived, waived, unused);
    }
}
