package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.planning.api.PlanningException;
import dev.planning.api.SystemFailureException;
import dev.planning.api.lifecycle.CycleRef;
import java.io.EOFException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * pg24: a busy store (a conflict, no connection to be had) and one that cannot be reached are the system's
 * failures ({@link SystemFailureException}: the command line's exit 3), each with one line saying what
 * happened; what names the input (a database that does not exist, a server that speaks no PostgreSQL, a
 * connection failure with no network cause, a statement the database refuses) stays a plain
 * {@link PlanningException} (exit 2). The failures the driver reports are made by a data source that
 * throws them, each with its SQLSTATE (and cause) as PostgreSQL's driver and the pool give them.
 */
@Tag("slow")
@Tag("servers")
class StoreFailureKindsTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "c");

    @Test
    void aSerializationFailureOrADeadlockIsABusyStoreWhoseWorkWasRolledBack() {
        for (String state : new String[] {"40001", "40P01"}) {
            Throwable failure = readThrough(statementsFailing(new SQLException("could not serialize access", state)));

            assertThat(failure).as(state).isInstanceOf(StoreBusyException.class).isInstanceOf(SystemFailureException.class)
                    .hasMessageStartingWith("cannot read the event log of fe/c: the store is busy: the database rolled"
                            + " the work back because it conflicted with another session's")
                    .hasMessageContaining("nothing was written and retrying is safe (SQLSTATE " + state + ")");
            assertThat(((StoreBusyException) failure).reason()).isEqualTo(StoreBusyException.Reason.CONFLICT);
        }
    }

    @Test
    void aServerWithAsManyConnectionsAsItAllowsIsABusyStore() {
        Throwable failure = readThrough(connectionsFailing(() -> new SQLException("sorry, too many clients already",
                "53300")));

        assertThat(failure).isInstanceOf(StoreBusyException.class)
                .hasMessageContaining("the store is busy: no connection to the database was to be had for 200 ms")
                .hasMessageContaining("max_connections").hasMessageContaining("(SQLSTATE 53300)");
        assertThat(((StoreBusyException) failure).reason()).isEqualTo(StoreBusyException.Reason.CONNECTIONS);
    }

    @Test
    void aPoolWhoseOnlyConnectionIsHeldGivesNoneForTheRetryTimeAndTheStoreIsBusy() throws SQLException {
        try (PostgresStore store = PostgresStore.builder().jdbcUrl(TestServers.jdbcUrl())
                .repository(TestServers.freshRepository()).poolSize(1).connectTimeout(Duration.ofMillis(250))
                .retryFor(Duration.ofMillis(500)).build();
                Connection held = store.dataSource().getConnection()) {
            Throwable failure = catchThrowable(() -> store.eventStore().read(CYCLE));

            assertThat(failure).isInstanceOf(StoreBusyException.class).isInstanceOf(SystemFailureException.class)
                    .hasMessageStartingWith("cannot read the event log of fe/c: the store is busy: no connection to"
                            + " the database was to be had for 500 ms")
                    .hasMessageContaining("every connection of this process's pool is in use");
            assertThat(((StoreBusyException) failure).reason()).isEqualTo(StoreBusyException.Reason.CONNECTIONS);
            assertThat(held.isValid(1)).as("the held connection is untouched").isTrue();
        }
    }

    @Test
    void aDatabaseThatRefusesConnectionsForTheRetryTimeIsUnreachable() {
        Throwable refused = readThrough(connectionsFailing(() -> new SQLException("Connection to 127.0.0.1:1 refused",
                "08001", new ConnectException("Connection refused"))));
        Throwable cut = readThrough(statementsFailing(new SQLException("An I/O error occurred while sending to the"
                + " backend.", "08006", new EOFException())));
        Throwable shuttingDown = readThrough(statementsFailing(new SQLException("terminating connection due to"
                + " administrator command", "57P01")));

        assertThat(refused).isInstanceOf(StoreUnreachableException.class).isInstanceOf(SystemFailureException.class)
                .hasMessage("cannot read the event log of fe/c: the store cannot be reached: Connection to 127.0.0.1:1"
                        + " refused (SQLSTATE 08001), for 200 ms of retries");
        assertThat(cut).isInstanceOf(StoreUnreachableException.class).hasMessageContaining("(SQLSTATE 08006)");
        assertThat(shuttingDown).isInstanceOf(StoreUnreachableException.class).hasMessageContaining("57P01");
    }

    @Test
    void aStoreBuiltWhereNoDatabaseAnswersIsUnreachable() {
        Throwable failure = catchThrowable(() -> PostgresStore.builder()
                .jdbcUrl("jdbc:postgresql://127.0.0.1:1/planning?connectTimeout=1").build());

        assertThat(failure).isInstanceOf(StoreUnreachableException.class)
                .hasMessageStartingWith("cannot connect to the store at jdbc:postgresql://127.0.0.1:1/planning?...:")
                .hasMessageEndingWith("(SQLSTATE 08001)");
        assertThat(failure.getMessage()).doesNotContain("\n");
    }

    @Test
    void whatNamesTheInputStaysTheInputsMistake() {
        Throwable noDatabase = catchThrowable(() -> PostgresStore.builder()
                .jdbcUrl(TestServers.jdbcUrl().replaceFirst("/postgres\\?", "/no_such_database?")).build());
        Throwable notPostgres = readThrough(connectionsFailing(() -> new SQLException("Protocol error", "08P01",
                new EOFException())));
        Throwable noNetworkCause = readThrough(connectionsFailing(() -> new SQLException("The hostname localhost"
                + " could not be verified", "08006")));
        Throwable refusedStatement = readThrough(statementsFailing(new SQLException("relation does not exist",
                "42P01")));

        assertThat(TestServers.jdbcUrl()).contains("/postgres?");
        assertThat(noDatabase).isInstanceOf(PlanningException.class).isNotInstanceOf(SystemFailureException.class)
                .hasMessageContaining("cannot connect to the store at").hasMessageContaining("3D000");
        for (Throwable failure : new Throwable[] {notPostgres, noNetworkCause, refusedStatement}) {
            assertThat(failure).isInstanceOf(PlanningException.class).isNotInstanceOf(SystemFailureException.class);
        }
    }

    /**
     * exit25: a host the name service does not know is the configuration's to fix (exit 2), most often a typo, on
     * one line that names it and says what to do; it was unreachable (exit 3) after the retries. A data source's
     * too, and neither is retried: waiting does not make a misspelt host known.
     */
    @Test
    void aHostTheNameServiceDoesNotKnowIsTheConfigurationsMistakeNamingTheHost() {
        // .invalid never resolves (RFC 6761); without a name service the lookup fails the same way.
        Throwable built = catchThrowable(() -> PostgresStore.builder()
                .jdbcUrl("jdbc:postgresql://no-such-host.invalid:5432/planning?connectTimeout=1").build());
        Throwable read = readThrough(connectionsFailing(() -> new SQLException("The connection attempt failed.",
                "08001", new UnknownHostException("db.exmaple.com"))));

        assertThat(built).isInstanceOf(PlanningException.class).isNotInstanceOf(SystemFailureException.class)
                .hasMessageStartingWith("cannot connect to the store at jdbc:postgresql://no-such-host.invalid:5432/"
                        + "planning?...: no such host: no-such-host.invalid")
                .hasMessageContaining("check its spelling");
        assertThat(built.getMessage()).doesNotContain("\n");
        assertThat(read).isInstanceOf(PlanningException.class).isNotInstanceOf(SystemFailureException.class)
                .hasMessage("cannot read the event log of fe/c: no such host: db.exmaple.com (SQLSTATE 08001); the"
                        + " store's url names a host the name service does not know: check its spelling; if it is"
                        + " right, the name service may be down: run the same command again later");
    }

    /**
     * exit25: Flyway's failure to migrate over an application's data source is classified by the SQLSTATE among
     * its causes, as the store's own work is: a database that cannot be reached is unreachable, one with no
     * connection left busy (both exit 3); wrong credentials stay "cannot migrate" (exit 2). All were exit 2.
     */
    @Test
    void aMigrationOverAnApplicationsDataSourceIsClassifiedByItsCause() {
        Throwable refused = catchThrowable(() -> PostgresStore.migrate(connectionsFailing(() -> new SQLException(
                "Connection to 127.0.0.1:1 refused", "08001", new ConnectException("Connection refused")))));
        Throwable full = catchThrowable(() -> PostgresStore.migrate(connectionsFailing(() -> new SQLException(
                "sorry, too many clients already", "53300"))));
        Throwable credentials = catchThrowable(() -> PostgresStore.migrate(connectionsFailing(() -> new SQLException(
                "password authentication failed for user \"planning\"", "28P01"))));

        assertThat(refused).isInstanceOf(StoreUnreachableException.class)
                .hasMessage("cannot migrate the planning schema: the store cannot be reached: Connection to"
                        + " 127.0.0.1:1 refused (SQLSTATE 08001)");
        assertThat(full).isInstanceOf(StoreBusyException.class)
                .hasMessageStartingWith("cannot migrate the planning schema: the store is busy: no connection");
        assertThat(((StoreBusyException) full).reason()).isEqualTo(StoreBusyException.Reason.CONNECTIONS);
        assertThat(credentials).isInstanceOf(PlanningException.class).isNotInstanceOf(SystemFailureException.class)
                .hasMessageStartingWith("cannot migrate the planning schema: ");
    }

    /** The failure of reading {@link #CYCLE} through a store over {@code dataSource}, retried for 200 ms. */
    private static Throwable readThrough(DataSource dataSource) {
        try (PostgresStore store = PostgresStore.builder().dataSource(dataSource).migrate(false)
                .repository(TestServers.freshRepository()).retryFor(Duration.ofMillis(200)).build()) {
            return catchThrowable(() -> store.eventStore().read(CYCLE));
        }
    }

    /** A data source whose every connection attempt fails with a new {@code failure}. */
    private static DataSource connectionsFailing(Supplier<SQLException> failure) {
        return (DataSource) Proxy.newProxyInstance(StoreFailureKindsTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        throw failure.get();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** The shared server's data source, whose connections refuse every statement with {@code failure}. */
    private static DataSource statementsFailing(SQLException failure) {
        DataSource target = TestServers.postgres();
        ClassLoader loader = StoreFailureKindsTest.class.getClassLoader();
        return (DataSource) Proxy.newProxyInstance(loader, new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
            Object result = invoke(method, target, args);
            if (!(result instanceof Connection connection)) {
                return result;
            }
            return Proxy.newProxyInstance(loader, new Class<?>[] {Connection.class}, (p, m, a) -> {
                if (m.getName().equals("prepareStatement")) {
                    throw failure;
                }
                return invoke(m, connection, a);
            });
        });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
