package dev.planning.engine.internal.report;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The JUnit XML schema Jenkins' xunit plugin accepts ({@code /junit/jenkins-junit.xsd} in the test
 * resources; its header names the source and licence), for validating JUnit reports in tests.
 */
public final class JUnitSchema {

    private static final Schema SCHEMA = load();

    private JUnitSchema() {
    }

    /** Every violation of the schema in the document, one message each; empty when it is valid. */
    public static List<String> violations(String xml) {
        List<String> violations = new ArrayList<>();
        Validator validator = SCHEMA.newValidator();
        try {
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) {
                    violations.add(e.getLineNumber() + ":" + e.getColumnNumber() + ": " + e.getMessage());
                }

                @Override
                public void fatalError(SAXParseException e) {
                    violations.add(e.getLineNumber() + ":" + e.getColumnNumber() + ": " + e.getMessage());
                }
            });
            validator.validate(new StreamSource(new StringReader(xml)));
        } catch (SAXException e) {
            violations.add(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return violations;
    }

    private static Schema load() {
        URL xsd = JUnitSchema.class.getResource("/junit/jenkins-junit.xsd");
        try {
            return SchemaFactory.newDefaultInstance().newSchema(xsd);
        } catch (SAXException e) {
            throw new IllegalStateException("cannot load " + xsd + ": " + e.getMessage(), e);
        }
    }
}
