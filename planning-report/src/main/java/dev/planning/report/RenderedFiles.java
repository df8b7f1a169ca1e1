package dev.planning.report;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The files {@link HtmlReport#render} returns: an unmodifiable map, in path order, whose arrays are
 * the map's own and never handed out: {@link #get}, and every entry and value iterated, give a fresh
 * copy, so what a caller does to the bytes it got changes neither the map nor anything else.
 */
final class RenderedFiles extends AbstractMap<String, byte[]> {

    private final Map<String, byte[]> files;

    /** @param files path to bytes, in path order; taken as they are (the caller keeps no reference) */
    RenderedFiles(LinkedHashMap<String, byte[]> files) {
        this.files = files;
    }

    @Override
    public byte[] get(Object path) {
        byte[] bytes = files.get(path);
        return bytes == null ? null : bytes.clone();
    }

    @Override
    public boolean containsKey(Object path) {
        return files.containsKey(path);
    }

    @Override
    public int size() {
        return files.size();
    }

    @Override
    public Set<Entry<String, byte[]>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, byte[]>> iterator() {
                Iterator<Entry<String, byte[]>> entries = files.entrySet().iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return entries.hasNext();
                    }

                    @Override
                    public Entry<String, byte[]> next() {
                        Entry<String, byte[]> entry = entries.next();
                        return Map.entry(entry.getKey(), entry.getValue().clone());
                    }
                };
            }

            @Override
            public int size() {
                return files.size();
            }
        };
    }
}
