package dev.planning.rules.internal.drools;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A harmless serializable class in a package the cache's deserialization filter allows
 * ({@code dev.planning.rules.**}): reading one counts, so a test can tell whether the cache started
 * deserializing an entry at all.
 */
final class AllowedClassWitness implements Serializable {

    private static final long serialVersionUID = 1L;

    /** How many instances have been deserialized in this JVM. */
    static final AtomicInteger READ = new AtomicInteger();

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        READ.incrementAndGet();
    }
}
