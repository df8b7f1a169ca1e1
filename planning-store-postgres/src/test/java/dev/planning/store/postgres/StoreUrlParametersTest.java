package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * store36: a store URL's parameters are judged against an allow-list ({@link StoreUrl#ACCEPTED}) before the driver
 * sees them; only the {@code jdbc:postgresql:} prefix was checked, so a URL could turn TLS verification off
 * ({@code sslfactory=...NonValidatingFactory} beside {@code sslmode=verify-full}), point the store at another schema
 * ({@code currentSchema}, {@code options=-c search_path=...}) or have the driver load a class of its naming. Every
 * refusal names the parameter and never its value. No server is needed: each URL is refused before anything
 * connects (port 1 answers nothing).
 */
class StoreUrlParametersTest {

    private static final String BASE = "jdbc:postgresql://127.0.0.1:1/planning";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"sslfactory=org.postgresql.ssl.NonValidatingFactory", "sslhostnameverifier=x.AnyHost",
        "socketFactory=x.Sockets", "currentSchema=elsewhere", "options=-c%20search_path%3Delsewhere",
        "loggerFile=/tmp/driver.log", "service=other", "authenticationPluginClassName=x.Plugin", "host=evil",
        "SSLMODE=verify-full"})
    void aParameterOffTheAllowListIsRefusedNamingItAndNotItsValue(String parameter) {
        String name = parameter.substring(0, parameter.indexOf('='));
        String value = parameter.substring(parameter.indexOf('=') + 1);
        String url = BASE + "?sslmode=verify-full&" + parameter;

        assertThat(StoreUrl.problems(url)).singleElement().asString()
                .startsWith("parameter '" + name + "' is not accepted (accepted: ")
                .doesNotContain(value);
        assertThatThrownBy(() -> PostgresStore.builder().jdbcUrl(url).build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("parameter '" + name + "' is not accepted")
                .hasMessageNotContaining(value);
    }

    @Test
    void theParametersOfATlsUrlAreAccepted() {
        assertThat(StoreUrl.problems(BASE + "?sslmode=verify-full&sslrootcert=/etc/planning/root.crt"
                + "&sslcert=/etc/c.pem&sslkey=/etc/k.pem&sslpassword=p&user=u&password=p&connectTimeout=5"
                + "&socketTimeout=30&loginTimeout=5&tcpKeepAlive=true&targetServerType=primary&loadBalanceHosts=false"
                + "&hostRecheckSeconds=10&ApplicationName=planning&channelBinding=require&sslNegotiation=postgres"))
                .isEmpty();
        assertThat(StoreUrl.problems(BASE)).isEmpty();
        assertThat(StoreUrl.problems(BASE + "?ssl=true&")).as("an empty parameter is skipped, as the driver skips it")
                .isEmpty();
        assertThat(StoreUrl.problems(BASE + "?sslmode=verify%2Dfull")).as("decoded as the driver decodes it").isEmpty();
    }

    @Test
    void aParameterGivenTwiceIsRefusedSoThatALaterOneCannotWeakenTheFirst() {
        assertThat(StoreUrl.problems(BASE + "?sslmode=verify-full&sslmode=disable")).singleElement().asString()
                .isEqualTo("parameter 'sslmode' is given twice (the driver would keep the last)");
        assertThat(StoreUrl.problems(BASE + "?ssl=true&sslmode=disable")).singleElement().asString()
                .startsWith("parameters 'ssl' and 'sslmode' are both given");
    }

    @Test
    void aValueOffItsListIsRefusedWithoutBeingShown() {
        assertThat(StoreUrl.problems(BASE + "?sslmode=verify-fool")).singleElement().asString()
                .isEqualTo("parameter 'sslmode': expected one of allow, disable, prefer, require, verify-ca, verify-full"
                        + " (the value given is not shown)");
        assertThat(StoreUrl.problems(BASE + "?ssl=false")).singleElement().asString()
                .as("ssl=false is sslmode=prefer to the driver, not what it reads as").startsWith("parameter 'ssl':");
        assertThat(StoreUrl.problems(BASE + "?connectTimeout=soon")).singleElement().asString()
                .isEqualTo("parameter 'connectTimeout': expected a whole number of seconds");
    }

    @Test
    void whatIsNoNameIsNotShownForItMayBeASecret() {
        assertThat(StoreUrl.problems(BASE + "?hunter2")).singleElement().asString().doesNotContain("hunter2")
                .startsWith("a parameter without '='");
        assertThat(StoreUrl.problems(BASE + "?p@ss:w0rd=x")).singleElement().asString().doesNotContain("p@ss")
                .startsWith("a parameter whose name is not a name");
    }

    @Test
    void aNameTheDriverDoesNotKnowIsNotShownForItMayBePartOfAPassword() {
        // review36a: a password written raw with '&' and '=' ("x7&Kq9secret=Lm") made its middle a parameter's name,
        // quoted whole by the refusal.
        assertThat(StoreUrl.problems(BASE + "?password=x7&Kq9secret=Lm")).singleElement().asString()
                .doesNotContain("Kq9secret").startsWith("a parameter the driver does not know");
        assertThatThrownBy(() -> PostgresStore.builder().jdbcUrl(BASE + "?password=x7&Kq9secret=Lm").build())
                .isInstanceOf(InvalidInputException.class).hasMessageNotContaining("Kq9secret");
    }

    @Test
    void everyRefusedParameterOfAFileIsReportedAtItsUrlLine() throws Exception {
        Path file = Files.writeString(dir.resolve("store.properties"), "# the store\nrepository=acme\nurl=" + BASE
                + "?password=SECRET-1&currentSchema=x&sslfactory=y\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> StoreConfig.fromFile(file)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(file + ":3:1: url: parameter 'currentSchema' is not accepted")
                .hasMessageContaining(file + ":3:1: url: parameter 'sslfactory' is not accepted")
                .hasMessageNotContaining("SECRET-1");
    }

    @Test
    void theEnvironmentsUrlIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> StoreConfig.resolve(Optional.empty(), Map.of("PLANNING_STORE_URL",
                BASE + "?password=SECRET-2&options=-c%20search_path%3Dx")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("PLANNING_STORE_URL: parameter 'options' is not accepted")
                .hasMessageNotContaining("SECRET-2").hasMessageNotContaining("search_path");
    }
}
