package dev.planning.engine.internal.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void utf8NamesAreNotFlagged() {
        assertThat(FileNames.notUtf8("rules/régles-😀.drl".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void eachByteThatIsNotUtf8IsShownAsItsHexAndTheRestAsText() {
        byte[] raw = {'a', (byte) 0xff, (byte) 0xc3, (byte) 0xa9, (byte) 0xe2, (byte) 0x82, 'b', (byte) 0xc3};
        // 0xE2 0x82 starts a three-byte sequence that 'b' breaks; 0xC3 at the end is cut short
        assertThat(FileNames.notUtf8(raw)).hasValue("a\\xFFé\\xE2\\x82b\\xC3");
    }

    @Test
    void aSurrogateEncodedInUtf8IsNotUtf8() {
        assertThat(FileNames.notUtf8(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80})).hasValue("\\xED\\xA0\\x80");
    }
}
