/**
 * The rules module: the Drools governance engine ({@code internal.drools}), the {@code governance}
 * gate ({@code internal.gate}), the facts DRL policies match ({@code facts}) and the rule test kit
 * ({@code testkit}).
 *
 * <p>The module depends on {@code planning-api} and Drools. The governance gate, the policy engine
 * and the facts use nothing of {@code planning-engine} but its rulebook hasher, (for the
 * compiled-rulebook cache) its committed-file check and the operator's bound on text values: a gate
 * sees the workspace only through its context. Twelve classes use engine internals, each for a reason of its
 * own, and no other class may use any; {@code RulesLayeringTest} holds exactly this list, class by
 * class:
 * <ul>
 *   <li>{@code impact.RulebookImpact} ({@code rules diff}, public) is a workspace tool, not a gate: it
 *       lists every cycle of a workspace as every command finds them ({@code PlanningFiles}: a planning
 *       file's name on a dangling link, a link out of the workspace or a directory refused), loads both rulebooks
 *       ({@code RulebookLoader}), reads the base rulebook from git objects ({@code GitRepository}),
 *       hashes those files as a directory's are ({@code RulebookHasher.of}) and serves them to the gate
 *       from memory ({@code RulebookFiles}), writing nothing, and runs
 *       the governance gate under each in the engine's own gate context ({@code GateEnvironment},
 *       {@code CycleArtifacts}, {@code ArtifactGateContext}, {@code SealedManifests}; the workspace's event
 *       logs read through {@code CycleLogs} over the store given, an open workspace's own
 *       ({@code StoreBackedWorkspace}), else a {@code FileEventStore}, so that a previous cycle whose log is
 *       broken is refused, store29; another cycle a carried action's origin names read with no trusted key,
 *       {@code CarriedOrigins.TrustedCycles.untrusted}, so no such origin is verified, origin42), so that the
 *       comparison judges exactly what {@code advance} would, names a missing workspace as every
 *       command does ({@code SafePaths.shown}), and tells a {@code --base} directory or workspace it
 *       cannot examine from an absent one ({@code DirectoryEntries}). The public facade cannot do it: it
 *       runs a profile's gates under one rulebook, and the facade lives in the engine, which this
 *       module may not depend on as a whole. Its Markdown ({@code rules diff --format markdown}) is
 *       written with the engine's Markdown building blocks ({@code Markdown}), the one escaping rule of
 *       every Markdown report, and its JSON ({@code --format json}) by the engine's writer of command
 *       output ({@code CommandJson}), so that it has the bytes and escapes of every other command's;</li>
 *   <li>{@code testkit.CaseReader} reads rule-test cases with the engine's schema catalog
 *       ({@code SchemaCatalog}, {@code ArtifactSchema}; a gate result's counts as written,
 *       {@code WholeNumbers}), plan and decision-log readers
 *       ({@code TaskBreakdownReader}, {@code DecisionLogReader}, {@code ReadResult},
 *       {@code LocatedDocument}), workspace plans ({@code CycleArtifacts}) and path checks
 *       ({@code SafePaths}, {@code DirectoryEntries}), so that a case's plan parses, and fails, exactly
 *       as the same plan in a workspace;</li>
 *   <li>{@code testkit.RuleTestFiles} parses rule-test files with the engine's located YAML
 *       ({@code YamlDocuments}, {@code LocatedDocument}), for errors at file, line and column as
 *       everywhere else, and lists them with the engine's fail-closed listing
 *       ({@code DirectoryEntries}), so that a test file it cannot examine is refused, not skipped;
 *       and refuses a file with every mistake of its cases in one message ({@code ErrorList}), as the
 *       engine's readers do; it names a test file by its names joined with {@code /}, as the rulebook's
 *       hash names its files ({@code FileNames.slashed}), so a backslash in a name shows as itself;</li>
 *   <li>{@code testkit.RuleTestReport} writes JUnit XML with the engine's writer ({@code JUnitXml}),
 *       so that CI reads rule tests as it reads the CLI's other reports, Markdown with the engine's
 *       Markdown building blocks ({@code Markdown}), the one escaping rule of every Markdown report, and
 *       JSON with the engine's writer of command output ({@code CommandJson});</li>
 *   <li>{@code internal.drools.RulebookCompiler} reads the rulebook directory once with the engine's
 *       {@code RulebookHasher.read} and compiles those bytes only when they hash to the loaded
 *       rulebook's hash: one implementation of the hash recipe, the one the loader used, so what is
 *       compiled is exactly what the hash (and a seal) names;</li>
 *   <li>{@code internal.drools.RulebookCompiler} and {@code internal.drools.PolicyLanguage} refuse a
 *       rulebook with the engine's {@code LocatedMistakes}: every mistake as data, a rule name declared
 *       again with its first declaration as a second location, so that the engine and the command line
 *       name both places relative to the workspace without reading the message (a value; it reads
 *       nothing);</li>
 *   <li>{@code internal.drools.CompiledRulebookCache} asks the engine's {@code OutsideRepository}
 *       whether git tracks a cache entry or verdict (a cache directory in a checkout): the check the
 *       trust file and private keys get, so a committed entry is never used; it reads the cache
 *       directory's repository only, never the workspace. It writes its entries, verdicts and kept
 *       results with the engine's atomic file writes ({@code AtomicFiles.writeUnguarded}, owner-only):
 *       one writer, one temporary name unique to the write, one sweep an hour on (fold26). A kept lint
 *       result's key names the operator's bound on text values, read through {@code FactLengths}, so a
 *       result kept under a looser bound is not served under a tighter one (attack29);</li>
 *   <li>{@code internal.drools.CacheEviction} asks {@code OutsideRepository} the same before deleting a
 *       file of the cache directory to keep it within its bound: a file git tracks belongs to a
 *       checkout, and is never deleted; it takes its bound on a temporary's age from {@code AtomicFiles},
 *       whose temporaries it sweeps;</li>
 *   <li>{@code internal.drools.CacheSecret} creates the cache's key file with the engine's atomic file
 *       writes ({@code AtomicFiles}: owner-only from the start, linked into place, never replacing a file),
 *       and deletes what a killed creation left there an hour on: one writer, one temporary name, one sweep
 *       (exit25); it writes the key file's directory only;</li>
 *   <li>{@code internal.drools.FactLengths} reads the operator's bound on text values where the YAML
 *       readers read it ({@code ValueLengths}), and holds every text the engine inserts to it, whatever
 *       built the input: one place knows the bound;</li>
 *   <li>{@code KeptRulebookSettings} (package-private, behind {@code CompiledRulebooks}) gives the
 *       engine's {@code RulebookLoader} a place to keep the validated model of a rulebook's settings
 *       (in the compiled-rulebook cache's directory, checked as an entry is) and asks it which code
 *       decides that model ({@code RulebookLoader.code()}), so that another build never reads it;</li>
 *   <li>{@code KeptDocumentParses} (package-private, behind {@code CompiledRulebooks}) gives the engine's
 *       {@code KeptParses} a place to keep the parses of trust files and sealed manifests that read
 *       without error (in the same directory, checked as an entry is), keyed by their exact bytes and the
 *       code each reader names;</li>
 *   <li>{@code CompiledRulebooks} listens to the engine's {@code OpenedWorkspaces}, so that the compiled
 *       rulebooks it keeps across runs stop being kept once a workspace that holds their directory is
 *       opened (the compiler is told only the rulebook's directory), and names a cache directory it refuses
 *       and why as every command names a path and a file system's reason ({@code Shown});</li>
 *   <li>{@code internal.defaults.DefaultRulebook} writes the default rulebook with the engine's
 *       atomic file writes ({@code AtomicFiles}), so that {@code planning init} never leaves half a
 *       rulebook.</li>
 * </ul>
 *
 * @since 0.1
 */
package dev.planning.rules;
