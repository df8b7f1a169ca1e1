package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.engine.fixtures.Doclint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Javadoc of this module's one package, which an application compiles against to keep its
 * events in PostgreSQL, is complete and well-formed: the JDK's doclint, every group
 * ({@code -Xdoclint:all/protected}), finds nothing, as {@code PublicJavadocTest} (planning-examples-tests)
 * checks the API, the test kit and the other modules' exported packages (both with the engine's test
 * fixture {@link Doclint}). Here rather than there:
 * the PostgreSQL, Flyway, HikariCP and Kafka classes these sources use are on this module's class
 * path only.
 */
class StoreJavadocTest {

    @Test
    void theStoresPackageHasCompleteJavadoc(@TempDir Path output) throws IOException {
        List<Path> sources = Doclint.sourcesIn(List.of(Path.of("src/main/java/dev/planning/store/postgres")));
        assertThat(sources).hasSizeGreaterThan(5);

        assertThat(Doclint.problems(output, sources)).isEmpty();
    }
}
