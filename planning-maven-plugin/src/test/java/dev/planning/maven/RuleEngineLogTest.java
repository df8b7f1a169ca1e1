package dev.planning.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The rule engine's own diagnostics stay out of the user's build log (the sample builds' verify.groovy check
 * that no {@code [WARNING]} line reaches it), unless the user set their level.
 */
@Isolated("sets and clears the rule engine's log level properties, which every goal beside it reads")
class RuleEngineLogTest {

    private final Map<String, String> saved = new HashMap<>();

    @BeforeEach
    void save() {
        for (String logger : Stream.concat(PlanningMojo.RULE_ENGINE_LOGGERS.stream(),
                PlanningMojo.STORE_LOGGERS.stream()).toList()) {
            String property = PlanningMojo.LOG_LEVEL_PROPERTY + logger;
            saved.put(property, System.getProperty(property));
            System.clearProperty(property);
        }
    }

    @AfterEach
    void restore() {
        saved.forEach((property, value) -> {
            if (value == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, value);
            }
        });
    }

    @Test
    void droolsAndKieLogOnlyErrorsWhenTheUserSetNothing() {
        PlanningMojo.quietRuleEngineDiagnostics();

        assertThat(System.getProperty("org.slf4j.simpleLogger.log.org.drools")).isEqualTo("error");
        assertThat(System.getProperty("org.slf4j.simpleLogger.log.org.kie")).isEqualTo("error");
    }

    @Test
    void theStoresPoolAndMigrationsLogOnlyErrorsWhenTheUserSetNothing() {
        PlanningMojo.quietRuleEngineDiagnostics();

        assertThat(System.getProperty("org.slf4j.simpleLogger.log.com.zaxxer.hikari")).isEqualTo("error");
        assertThat(System.getProperty("org.slf4j.simpleLogger.log.org.flywaydb")).isEqualTo("error");
    }

    @Test
    void aLevelTheUserSetIsKept() {
        System.setProperty("org.slf4j.simpleLogger.log.org.drools", "warn");

        PlanningMojo.quietRuleEngineDiagnostics();

        assertThat(System.getProperty("org.slf4j.simpleLogger.log.org.drools")).isEqualTo("warn");
        assertThat(System.getProperty("org.slf4j.simpleLogger.log.org.kie")).isEqualTo("error");
    }
}
