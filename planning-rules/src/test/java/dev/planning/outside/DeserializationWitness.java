package dev.planning.outside;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A harmless serializable class in a package no deserialization filter of the engine allows
 * ({@code dev.planning.outside}): reading one counts, so a test can tell whether a stream
 * deserialized it.
 */
public final class DeserializationWitness implements Serializable {

    private static final long serialVersionUID = 1L;

    /** How many instances have been deserialized in this JVM. */
    public static final AtomicInteger READ = new AtomicInteger();

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        READ.incrementAndGet();
    }
}
