package dev.planning.store.postgres;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.postgresql.PGProperty;

/**
 * The parameters of a store URL ({@code jdbc:postgresql://host/db?name=value&...}), judged against an allow-list
 * before the driver sees them (store36). The driver (pgjdbc 42.7) takes any of its properties from the query string,
 * and several undo what the URL's reader would expect of it: {@code sslfactory=org.postgresql.ssl.NonValidatingFactory}
 * trusts any certificate whatever {@code sslmode} says, {@code sslhostnameverifier}, {@code socketFactory},
 * {@code authenticationPluginClassName} and {@code connectExecutor} name a class to load, {@code currentSchema} and
 * {@code options=-c search_path=...} (or {@code -c session_replication_role=replica}) point the store's statements at
 * other tables, {@code loggerFile} writes the driver's log (the URL included) to a file, {@code service} reads
 * settings from a service file, and {@code host}, {@code port} and {@code dbname} replace the URL's own. So only the
 * parameters of {@link #ACCEPTED} are passed on; any other is refused naming it (never its value, which may be a
 * secret; a name the driver does not know is not shown either, for a password written raw with {@code &} and
 * {@code =} makes part of it one), as is a parameter given twice (the driver keeps the last, so a second {@code sslmode} would weaken the
 * first), a parameter without {@code =}, {@code ssl} beside {@code sslmode}, and a value off its list.
 */
final class StoreUrl {

    /** What the driver's URL starts with. */
    static final String PREFIX = "jdbc:postgresql:";

    /**
     * The parameters a store URL may carry, each with the values it may take ({@code null}: any). TLS ({@code ssl},
     * {@code sslmode}, {@code sslrootcert}, {@code sslcert}, {@code sslkey}, {@code sslpassword},
     * {@code sslNegotiation}), the login ({@code user}, {@code password}, {@code channelBinding}) and how the server is
     * reached ({@code connectTimeout}, {@code socketTimeout}, {@code loginTimeout}, {@code tcpKeepAlive},
     * {@code targetServerType}, {@code loadBalanceHosts}, {@code hostRecheckSeconds}, {@code ApplicationName}).
     */
    static final Map<String, Set<String>> ACCEPTED = accepted();

    /** A parameter's name as the message may quote it: anything else before a {@code =} is not shown. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]{1,9}");
    /** The parameters whose value is a number of seconds. */
    private static final Set<String> TIMEOUTS = Set.of("connectTimeout", "socketTimeout", "loginTimeout",
            "hostRecheckSeconds");

    private StoreUrl() {
    }

    /**
     * What is wrong with {@code url}'s parameters, one line each (each naming the parameter, never a value); empty
     * when the URL may be passed to the driver. A URL that does not start with {@link #PREFIX} is one problem.
     */
    static List<String> problems(String url) {
        List<String> problems = new ArrayList<>();
        if (!url.startsWith(PREFIX)) {
            problems.add("expected a PostgreSQL JDBC URL (jdbc:postgresql://host/db)");
            return problems;
        }
        int query = url.indexOf('?');
        if (query < 0) {
            return problems;
        }
        Set<String> seen = new HashSet<>();
        Map<String, String> values = new TreeMap<>();
        for (String token : url.substring(query + 1).split("&", -1)) {
            if (token.isEmpty()) {
                continue; // as the driver skips it
            }
            int eq = token.indexOf('=');
            if (eq < 0) {
                problems.add("a parameter without '=' (not shown: it may be a secret); expected name=value");
                continue;
            }
            String name = token.substring(0, eq);
            if (!NAME.matcher(name).matches()) {
                problems.add("a parameter whose name is not a name (not shown: it may be a secret); expected one of "
                        + String.join(", ", ACCEPTED.keySet()));
                continue;
            }
            if (!ACCEPTED.containsKey(name) && !known(name)) {
                // review36a: a password written raw with '&' and '=' ("x7&Kq9=Lm") makes its middle a name.
                problems.add("a parameter the driver does not know (not shown: it may be part of a secret); expected"
                        + " one of " + String.join(", ", ACCEPTED.keySet()));
                continue;
            }
            if (!ACCEPTED.containsKey(name)) {
                problems.add("parameter '" + name + "' is not accepted (accepted: " + String.join(", ",
                        ACCEPTED.keySet()) + why(name) + ")");
                continue;
            }
            if (!seen.add(name)) {
                problems.add("parameter '" + name + "' is given twice (the driver would keep the last)");
                continue;
            }
            String value;
            try {
                value = URLDecoder.decode(token.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                problems.add("parameter '" + name + "': its value cannot be URL-decoded");
                continue;
            }
            Set<String> allowed = ACCEPTED.get(name);
            if (allowed != null && !allowed.contains(value)) {
                problems.add("parameter '" + name + "': expected one of " + String.join(", ", new TreeSet<>(allowed))
                        + " (the value given is not shown)");
                continue;
            }
            if (TIMEOUTS.contains(name) && !WHOLE_NUMBER.matcher(value).matches()) {
                problems.add("parameter '" + name + "': expected a whole number of seconds");
                continue;
            }
            values.put(name, value);
        }
        if (values.containsKey("ssl") && values.containsKey("sslmode")) {
            problems.add("parameters 'ssl' and 'sslmode' are both given (the driver follows sslmode alone): give"
                    + " sslmode only");
        }
        return problems;
    }

    /**
     * Whether {@code name} may be quoted: a property of the driver ({@link PGProperty}), or one of {@link #ACCEPTED}
     * or of the driver's spelled in another case, or one the driver reads from the URL by another name.
     */
    private static boolean known(String name) {
        return !why(name).isEmpty() || ACCEPTED.keySet().stream().anyMatch(name::equalsIgnoreCase)
                || Arrays.stream(PGProperty.values()).map(PGProperty::getName).anyMatch(name::equalsIgnoreCase);
    }

    /** Why a well-known parameter is refused, when it is one. */
    private static String why(String name) {
        return switch (name) {
            case "sslfactory", "sslfactoryarg", "sslhostnameverifier", "sslpasswordcallback", "socketFactory",
                    "socketFactoryArg", "authenticationPluginClassName", "connectExecutor", "connectExecutorArg",
                    "xmlFactoryFactory", "classLoaderStrategy" ->
                    "; it names a class to load, or what one is given, and may undo the URL's TLS checks";
            case "currentSchema", "options" -> "; it may point the store's statements at other tables";
            case "loggerFile", "loggerLevel" -> "; the driver's log may quote the URL and its password";
            case "service", "host", "port", "dbname" -> "; it would replace what the URL itself names";
            default -> "";
        };
    }

    private static Map<String, Set<String>> accepted() {
        Map<String, Set<String>> accepted = new TreeMap<>();
        accepted.put("ssl", Set.of("true"));
        accepted.put("sslmode", Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full"));
        accepted.put("sslrootcert", null);
        accepted.put("sslcert", null);
        accepted.put("sslkey", null);
        accepted.put("sslpassword", null);
        accepted.put("sslNegotiation", Set.of("postgres", "direct"));
        accepted.put("user", null);
        accepted.put("password", null);
        accepted.put("channelBinding", Set.of("disable", "prefer", "require"));
        accepted.put("connectTimeout", null);
        accepted.put("socketTimeout", null);
        accepted.put("loginTimeout", null);
        accepted.put("tcpKeepAlive", Set.of("true", "false"));
        accepted.put("targetServerType", Set.of("any", "primary", "secondary", "preferPrimary", "preferSecondary"));
        accepted.put("loadBalanceHosts", Set.of("true", "false"));
        accepted.put("hostRecheckSeconds", null);
        accepted.put("ApplicationName", null);
        return Collections.unmodifiableMap(accepted);
    }
}
