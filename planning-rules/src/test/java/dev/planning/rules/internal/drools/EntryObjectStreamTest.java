package dev.planning.rules.internal.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.outside.DeserializationWitness;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.InvalidObjectException;
import java.io.ObjectInputFilter;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stream compiled-rulebook entries are read with: the allow-list holds in nested streams too. */
class EntryObjectStreamTest {

    private static final ClassLoader LOADER = EntryObjectStreamTest.class.getClassLoader();

    /** A serialization stream holding, in order, an int and then each object. */
    private static byte[] stream(Object... objects) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeInt(objects.length);
            for (Object object : objects) {
                out.writeObject(object);
            }
        }
        return bytes.toByteArray();
    }

    private static List<Object> read(byte[] stream) throws IOException, ClassNotFoundException {
        try (EntryObjectStream in = new EntryObjectStream(new ByteArrayInputStream(stream), LOADER)) {
            int count = in.readInt();
            List<Object> objects = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                objects.add(in.readObject());
            }
            return objects;
        }
    }

    @Test
    void aClassOutsideTheListIsRefusedBeforeItsReadObjectRuns() throws IOException {
        int before = DeserializationWitness.READ.get();

        assertThatThrownBy(() -> read(stream("rule", new DeserializationWitness())))
                .isInstanceOf(InvalidClassException.class);
        assertThat(DeserializationWitness.READ.get()).isEqualTo(before);
    }

    @Test
    void aClassOutsideTheListInAStreamNestedInAByteArrayIsRefusedBeforeAnyoneReadsIt() throws IOException {
        // After primitive data and an allowed object, as Drools' class store writes its entries.
        byte[] nested = stream("Rule_a", new byte[] {(byte) 0xCA, (byte) 0xFE}, new DeserializationWitness());
        int before = DeserializationWitness.READ.get();

        assertThatThrownBy(() -> read(stream(nested))).isInstanceOf(InvalidClassException.class);
        assertThat(DeserializationWitness.READ.get()).isEqualTo(before);
    }

    @Test
    void aStreamNestedTwoLevelsDownIsCheckedToo() throws IOException {
        byte[] inner = stream(new DeserializationWitness());
        int before = DeserializationWitness.READ.get();

        assertThatThrownBy(() -> read(stream(stream("store", inner)))).isInstanceOf(InvalidClassException.class);
        assertThat(DeserializationWitness.READ.get()).isEqualTo(before);
    }

    /** {@code depth} streams, each but the innermost holding the next as a byte array; the innermost a string. */
    private static byte[] nestedStreams(int depth) throws IOException {
        byte[] nested = stream("innocent");
        for (int level = 2; level <= depth; level++) {
            nested = stream(nested);
        }
        return nested;
    }

    @Test
    void streamsNestedDeeperThanTheLimitAreRefusedWhateverTheyHold() throws Exception {
        byte[] atTheLimit = nestedStreams(EntryObjectStream.MAX_NESTING);
        byte[] tooDeep = nestedStreams(EntryObjectStream.MAX_NESTING + 1);

        assertThat(read(atTheLimit)).hasSize(1);
        assertThatThrownBy(() -> read(tooDeep)).isInstanceOf(InvalidObjectException.class)
                .hasMessageContaining("more than " + EntryObjectStream.MAX_NESTING + " streams deep");
    }

    @Test
    void allowedNestedStreamsAndOtherByteArraysAreReadUnchanged() throws Exception {
        byte[] classBytes = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61};
        byte[] nested = stream("Rule_a", classBytes);

        List<Object> objects = read(stream("rule", nested, classBytes));

        assertThat(objects).hasSize(3);
        assertThat(objects.get(0)).isEqualTo("rule");
        assertThat((byte[]) objects.get(1)).isEqualTo(nested);
        assertThat((byte[]) objects.get(2)).isEqualTo(classBytes);
    }

    @Test
    void aJvmWideFilterFactoryThatAllowsEverythingDoesNotWidenTheList(@TempDir Path dir) throws Exception {
        // A JVM of its own: a factory can be set only before the JVM's first ObjectInputStream.
        Path out = dir.resolve("out.txt");
        ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                UnderAnAllowEverythingFactory.class.getName()).redirectErrorStream(true).redirectOutput(out.toFile());
        child.environment().remove("JAVA_TOOL_OPTIONS");
        Process process = child.start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();

        assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo("""
                factory set
                in the entry: refused, 0 read
                nested: refused, 0 read
                """);
        assertThat(process.exitValue()).isZero();
    }

    /** Sets a factory that replaces every stream's filter with "allow everything", then reads two witnesses. */
    static final class UnderAnAllowEverythingFactory {

        public static void main(String[] arguments) throws IOException {
            ObjectInputFilter.Config.setSerialFilterFactory(
                    (current, requested) -> info -> ObjectInputFilter.Status.ALLOWED);
            System.out.println("factory set");
            report("in the entry", stream(new DeserializationWitness()));
            report("nested", stream(stream("Rule_a", new DeserializationWitness())));
        }

        private static void report(String where, byte[] stream) {
            String outcome;
            try {
                read(stream);
                outcome = "read";
            } catch (InvalidClassException e) {
                outcome = "refused";
            } catch (IOException | ClassNotFoundException e) {
                outcome = e.toString();
            }
            System.out.println(where + ": " + outcome + ", " + DeserializationWitness.READ.get() + " read");
        }
    }
}
