package io.iotbridge.catalogue;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for a name or value the catalogue does not know: the closest one it does. */
final class Suggestions {

    private Suggestions() {
    }

    /**
     * The candidate that differs only in case, else the one within a few edits (a third of the
     * word, at least one): {@code alertabove} → {@code alertAbove}, {@code meters} → {@code meter}.
     */
    static Optional<String> closest(String given, Collection<String> candidates) {
        if (given == null || given.isBlank()) {
            return Optional.empty();
        }
        String lower = given.toLowerCase(Locale.ROOT);
        Optional<String> sameLetters = candidates.stream().filter(c -> c.toLowerCase(Locale.ROOT).equals(lower)).findFirst();
        if (sameLetters.isPresent()) {
            return sameLetters;
        }
        int allowed = Math.max(1, given.length() / 3);
        return candidates.stream().filter(c -> distance(lower, c.toLowerCase(Locale.ROOT)) <= allowed)
                .min(Comparator.comparingInt(c -> distance(lower, c.toLowerCase(Locale.ROOT))));
    }

    /** The hint a message ends with: {@code " (did you mean alertAbove?)"}, or nothing. */
    static String didYouMean(String given, Collection<String> candidates) {
        return closest(given, candidates).map(c -> " (did you mean " + c + "?)").orElse("");
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
