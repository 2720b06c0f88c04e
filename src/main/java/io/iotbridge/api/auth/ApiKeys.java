package io.iotbridge.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The configured API keys, each {@code <name>:<role,role>:<bcrypt hash>}, entries separated by
 * spaces, new lines or ';'. A presented key is {@code <name>.<secret>}: its name picks the one hash
 * to check, so a wrong key costs one bcrypt check at most.
 */
public final class ApiKeys {

    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,24}");
    /** Keys verified lately, by their SHA-256: bcrypt on every request would cap ingest at ~15/s a core. */
    private static final int REMEMBERED = 256;

    private record Entry(String name, Set<Role> roles, String hash) {
    }

    private final Map<String, Entry> byName = new LinkedHashMap<>();
    private final Map<String, Caller> verified = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Caller> eldest) {
            return size() > REMEMBERED;
        }
    });

    /** The entries of {@code text}; {@code where} (a property or file) names the source in a refusal. */
    public static ApiKeys parse(String text, String where) {
        ApiKeys keys = new ApiKeys();
        for (String entry : text == null ? new String[0] : text.trim().split("[;\\s]+")) {
            if (!entry.isEmpty()) {
                keys.add(entry, where);
            }
        }
        return keys;
    }

    private void add(String entry, String where) {
        String[] parts = entry.split(":", 3);
        if (parts.length != 3 || !NAME.matcher(parts[0]).matches() || !parts[2].startsWith("$2")) {
            throw new IllegalArgumentException(where + ": an API key entry is <name>:<role,role>:<bcrypt hash>"
                    + " (name: 1 to 24 letters, digits, '_' or '-'); one entry is not");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String label : parts[1].split(",")) {
            roles.add(Role.of(label).orElseThrow(() -> new IllegalArgumentException(where + ": API key '" + parts[0]
                    + "' names the role '" + label + "'; roles are ingest, read, operate")));
        }
        if (byName.putIfAbsent(parts[0], new Entry(parts[0], Set.copyOf(roles), parts[2])) != null) {
            throw new IllegalArgumentException(where + ": two API keys are named '" + parts[0] + "'");
        }
    }

    /** These keys and one more entry; {@code where} names its source in a refusal. */
    public ApiKeys with(String entry, String where) {
        ApiKeys keys = new ApiKeys();
        keys.byName.putAll(byName);
        keys.add(entry, where);
        return keys;
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(byName.keySet());
    }

    /** The caller a presented key stands for; empty for an unknown or wrong key. */
    public Optional<Caller> authenticate(String key) {
        int dot = key.indexOf('.');
        Entry entry = dot > 0 ? byName.get(key.substring(0, dot)) : null;
        if (entry == null) {
            return Optional.empty();
        }
        String digest = sha256(key);
        Caller known = verified.get(digest);
        if (known != null) {
            return Optional.of(known);
        }
        if (!ApiKeyHash.matches(key, entry.hash())) {
            return Optional.empty();
        }
        Caller caller = new Caller(entry.name(), entry.roles());
        verified.put(digest, caller);
        return Optional.of(caller);
    }

    private static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
