package dev.parley.benchmarks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --name value} options of the benchmarks' main classes. A name not in the list, a
 * missing value, a name given twice or a number that is not one is refused with a message naming
 * it.
 *
 * <p>Thread safety: immutable after parsing.
 */
final class Flags {
  private final Map<String, String> values = new HashMap<>();

  private Flags() {}

  /** Reads {@code args}, which may use only the option {@code names} (each with its leading dashes). */
  static Flags parse(String[] args, List<String> names) {
    Flags flags = new Flags();
    for (int i = 0; i < args.length; i += 2) {
      String name = args[i];
      if (!names.contains(name)) {
        throw new IllegalArgumentException("unknown option '" + name + "'; the options are " + names);
      }
      if (i + 1 == args.length) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      if (flags.values.put(name, args[i + 1]) != null) {
        throw new IllegalArgumentException(name + " is given twice");
      }
    }
    return flags;
  }

  /** The option's value as a number from {@code min} up, or {@code otherwise} when it is absent. */
  int number(String name, int min, int otherwise) {
    String value = values.get(name);
    if (value == null) {
      return otherwise;
    }
    int n;
    try {
      n = Integer.parseInt(value.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " takes a whole number, not '" + value + "'", e);
    }
    if (n < min) {
      throw new IllegalArgumentException(name + " must be at least " + min + ", not " + n);
    }
    return n;
  }

  /** The option's value, or {@code otherwise} when it is absent. */
  String text(String name, String otherwise) {
    return values.getOrDefault(name, otherwise);
  }
}
