package dev.planning.engine.internal.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import javax.xml.stream.XMLInputFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** The hardened settings are made for the JDK's parser, so the JDK's parser is the one used. */
@Isolated("sets the system property that names the StAX implementation")
class SecureXmlTest {

    private static final String PROPERTY = "javax.xml.stream.XMLInputFactory";

    @Test
    void readsWithTheJdksParserWhateverTheSystemPropertyOrClassPathNames() {
        String before = System.getProperty(PROPERTY);
        System.setProperty(PROPERTY, "org.example.SomeOtherStaxFactory");
        try {
            assertThat(SecureXml.factory().getClass()).isEqualTo(XMLInputFactory.newDefaultFactory().getClass());
        } finally {
            if (before == null) {
                System.clearProperty(PROPERTY);
            } else {
                System.setProperty(PROPERTY, before);
            }
        }
    }
}
