package dev.planning.api.rulebook;

import static org.apiguardian.api.API.Status.STABLE;

import dev.planning.api.InvalidInputException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A loaded rulebook: the settings of {@code rulebook.yaml}, the DRL rule files beside it, and the
 * SHA-256 hash that identifies exactly this content.
 *
 * @param directory      the rulebook directory, absolute
 * @param hash           lower-case hex SHA-256 over the rulebook's files (see the README recipe)
 * @param version        the rulebook's own version, as its authors number it
 * @param profiles       gate profiles by name
 * @param streamProfiles which profile each stream uses; streams not listed use {@code defaultProfile}
 * @param defaultProfile the profile for streams not listed
 * @param taxonomy       allowed values per tag key, e.g. {@code compliance -> [sox, gdpr, hipaa, none]}
 * @param requiredTags   tag keys every task must carry
 * @param thresholds     named numbers that rules and gates read, e.g. {@code critical_approvals -> 3}; each
 *                       within what its name holds ({@link ThresholdBound}), as for a loaded rulebook
 * @param ruleFiles      the DRL files, relative to the directory, sorted
 * @param signing        the signing policy: which roles, and how many, must sign the handoff manifest
 * @param kpis           the KPI definitions ({@code kpis:}), in written order; names are unique
 * @param givenDirectory the rulebook directory as it was given to the loader (a {@code --rulebook ../rb},
 *                       relative to the working directory, or absolute), which messages name a rulebook
 *                       outside the workspace by; {@code directory} for a rulebook built in code (since 0.1)
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record Rulebook(
        Path directory,
        String hash,
        String version,
        Map<String, GateProfile> profiles,
        Map<String, String> streamProfiles,
        String defaultProfile,
        Map<String, List<String>> taxonomy,
        List<String> requiredTags,
        Map<String, Double> thresholds,
        List<String> ruleFiles,
        SigningPolicy signing,
        List<KpiDefinition> kpis,
        Path givenDirectory) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param directory the rulebook directory, absolute
     * @param hash lower-case hex SHA-256 over the rulebook's files (see the README recipe)
     * @param version the rulebook's own version, as its authors number it
     * @param profiles gate profiles by name
     * @param streamProfiles which profile each stream uses; streams not listed use {@code defaultProfile}
     * @param defaultProfile the profile for streams not listed
     * @param taxonomy allowed values per tag key, e.g. {@code compliance -> [sox, gdpr, hipaa, none]}
     * @param requiredTags tag keys every task must carry
     * @param thresholds named numbers that rules and gates read, e.g. {@code critical_approvals -> 3}
     * @param ruleFiles the DRL files, relative to the directory, sorted
     * @param signing the signing policy: which roles, and how many, must sign the handoff manifest
     * @param kpis the KPI definitions ({@code kpis:}), in written order; names are unique
     * @param givenDirectory the rulebook directory as it was given to the loader, which messages name it by
     * @throws InvalidInputException when a threshold holds a value its name cannot ({@link ThresholdBound}:
     *                               NaN, an infinity, a fraction where a whole number is read, a value out
     *                               of bounds), a KPI is defined twice, or a profile named is not defined
     */
    public Rulebook {
        Objects.requireNonNull(signing, "signing");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(givenDirectory, "givenDirectory");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(version, "version");
        profiles = Collections.unmodifiableMap(new LinkedHashMap<>(profiles));
        streamProfiles = Collections.unmodifiableMap(new LinkedHashMap<>(streamProfiles));
        Objects.requireNonNull(defaultProfile, "defaultProfile");
        Map<String, List<String>> copied = new LinkedHashMap<>();
        taxonomy.forEach((k, v) -> copied.put(k, List.copyOf(v)));
        taxonomy = Collections.unmodifiableMap(copied);
        requiredTags = List.copyOf(requiredTags);
        thresholds = Collections.unmodifiableMap(new LinkedHashMap<>(thresholds));
        ThresholdBound.checkAll(thresholds);
        ruleFiles = List.copyOf(ruleFiles);
        kpis = List.copyOf(kpis);
        Set<String> kpiNames = new HashSet<>();
        for (KpiDefinition kpi : kpis) {
            if (!kpiNames.add(kpi.name())) {
                throw new InvalidInputException("KPI '" + kpi.name() + "' is defined twice");
            }
        }
        if (!profiles.containsKey(defaultProfile)) {
            throw new InvalidInputException("default profile '" + defaultProfile + "' is not defined; profiles: "
                    + profiles.keySet());
        }
        for (Map.Entry<String, String> entry : streamProfiles.entrySet()) {
            if (!profiles.containsKey(entry.getValue())) {
                throw new InvalidInputException("stream '" + entry.getKey() + "' uses profile '" + entry.getValue()
                        + "', which is not defined; profiles: " + profiles.keySet());
            }
        }
    }

    /**
     * A rulebook named in messages by its {@code directory}, as a rulebook built in code is.
     *
     * @param directory the rulebook directory, absolute
     * @param hash lower-case hex SHA-256 over the rulebook's files (see the README recipe)
     * @param version the rulebook's own version, as its authors number it
     * @param profiles gate profiles by name
     * @param streamProfiles which profile each stream uses; streams not listed use {@code defaultProfile}
     * @param defaultProfile the profile for streams not listed
     * @param taxonomy allowed values per tag key, e.g. {@code compliance -> [sox, gdpr, hipaa, none]}
     * @param requiredTags tag keys every task must carry
     * @param thresholds named numbers that rules and gates read, e.g. {@code critical_approvals -> 3}
     * @param ruleFiles the DRL files, relative to the directory, sorted
     * @param signing the signing policy: which roles, and how many, must sign the handoff manifest
     * @param kpis the KPI definitions ({@code kpis:}), in written order; names are unique
     * @throws InvalidInputException as the canonical constructor
     */
    public Rulebook(Path directory, String hash, String version, Map<String, GateProfile> profiles,
            Map<String, String> streamProfiles, String defaultProfile, Map<String, List<String>> taxonomy,
            List<String> requiredTags, Map<String, Double> thresholds, List<String> ruleFiles, SigningPolicy signing,
            List<KpiDefinition> kpis) {
        this(directory, hash, version, profiles, streamProfiles, defaultProfile, taxonomy, requiredTags, thresholds,
                ruleFiles, signing, kpis, directory);
    }

    /**
     * A rulebook without a signing policy ({@link SigningPolicy#NONE}) or KPI definitions.
     *
     * @param directory the rulebook directory, absolute
     * @param hash lower-case hex SHA-256 over the rulebook's files (see the README recipe)
     * @param version the rulebook's own version, as its authors number it
     * @param profiles gate profiles by name
     * @param streamProfiles which profile each stream uses; streams not listed use {@code defaultProfile}
     * @param defaultProfile the profile for streams not listed
     * @param taxonomy allowed values per tag key, e.g. {@code compliance -> [sox, gdpr, hipaa, none]}
     * @param requiredTags tag keys every task must carry
     * @param thresholds named numbers that rules and gates read, e.g. {@code critical_approvals -> 3}
     * @param ruleFiles the DRL files, relative to the directory, sorted
     */
    public Rulebook(Path directory, String hash, String version, Map<String, GateProfile> profiles,
            Map<String, String> streamProfiles, String defaultProfile, Map<String, List<String>> taxonomy,
            List<String> requiredTags, Map<String, Double> thresholds, List<String> ruleFiles) {
        this(directory, hash, version, profiles, streamProfiles, defaultProfile, taxonomy, requiredTags, thresholds,
                ruleFiles, SigningPolicy.NONE, List.of());
    }

    /**
     * The gate profile a stream uses.
     *
     * @param stream a stream name such as {@code fe}
     * @return the gate profile a stream uses
     */
    public GateProfile profileFor(String stream) {
        return profiles.get(streamProfiles.getOrDefault(stream, defaultProfile));
    }

    /**
     * A threshold, or the fallback when the rulebook does not set it.
     *
     * @param name the threshold's name, e.g. {@code critical_approvals}
     * @param fallback the value when the rulebook sets none
     * @return a threshold, or the fallback when the rulebook does not set it
     */
    public double threshold(String name, double fallback) {
        return thresholds.getOrDefault(name, fallback);
    }
}
