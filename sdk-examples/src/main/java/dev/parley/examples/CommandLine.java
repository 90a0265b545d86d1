package dev.parley.examples;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command's options as given: {@code --name value} or {@code --name=value} for the options that
 * take a value, a bare {@code --name} for the flags. It checks the syntax only (known names,
 * values present, nothing twice); what a value means is the command's to check.
 *
 * <p>Thread safety: immutable.
 */
public final class CommandLine {
  private static final Pattern DURATION = Pattern.compile("(\\d{1,12})(ms|s|m|h)");

  private final Map<String, String> values;
  private final Set<String> flags;

  private CommandLine(Map<String, String> values, Set<String> flags) {
    this.values = values;
    this.flags = flags;
  }

  /**
   * Reads {@code args}.
   *
   * @param options the names that take a value, such as {@code --port}
   * @param flags the names that take none, such as {@code --json}
   * @throws BadOptionException for an unknown name, a missing or unwanted value, a name given twice
   *     or an argument that is not an option
   */
  public static CommandLine read(String[] args, Set<String> options, Set<String> flags) {
    Map<String, String> values = new LinkedHashMap<>();
    Set<String> given = new LinkedHashSet<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new BadOptionException("unexpected argument '" + arg + "': options start with --");
      }
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg : arg.substring(0, eq);
      String value = eq < 0 ? null : arg.substring(eq + 1);
      if (flags.contains(name)) {
        if (value != null) {
          throw new BadOptionException(name + " takes no value, not '" + value + "'");
        }
        if (!given.add(name)) {
          throw new BadOptionException(name + " is given twice");
        }
        continue;
      }
      if (!options.contains(name)) {
        throw new BadOptionException("unknown option " + name);
      }
      if (value == null) {
        if (i + 1 == args.length || args[i + 1].startsWith("--")) {
          throw new BadOptionException(name + " needs a value");
        }
        value = args[++i];
      }
      if (values.put(name, value) != null) {
        throw new BadOptionException(name + " is given twice");
      }
    }
    return new CommandLine(values, given);
  }

  /** The value given for {@code name}. */
  public Optional<String> value(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /**
   * The value given for {@code name}.
   *
   * @throws BadOptionException if it was not given
   */
  public String required(String name) {
    return value(name).orElseThrow(() -> new BadOptionException("missing required option " + name));
  }

  /** Whether the flag {@code name} was given. */
  public boolean flag(String name) {
    return flags.contains(name);
  }

  /**
   * The value of {@code name} as a whole number, or {@code otherwise} when it was not given.
   *
   * @throws BadOptionException if the value is not a whole number
   */
  public int whole(String name, int otherwise) {
    return value(name).map(v -> whole(name, v)).orElse(otherwise);
  }

  /**
   * {@code value} of option {@code name} as a whole number.
   *
   * @throws BadOptionException if it is not one
   */
  public static int whole(String name, String value) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new BadOptionException(name + " must be a whole number, not '" + value + "'");
    }
  }

  /**
   * The value of {@code name} as a duration written {@code 30s}, {@code 2m}, {@code 1h} or {@code
   * 500ms} (or ISO-8601, {@code PT30S}), when it was given.
   *
   * @throws BadOptionException if the value is not such a duration, or is negative
   */
  public Optional<Duration> duration(String name) {
    return value(name).map(v -> duration(name, v.strip()));
  }

  private static Duration duration(String name, String value) {
    Matcher m = DURATION.matcher(value);
    try {
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        switch (m.group(2)) {
          case "ms":
            return Duration.ofMillis(n);
          case "s":
            return Duration.ofSeconds(n);
          case "m":
            return Duration.ofMinutes(n);
          default:
            return Duration.ofHours(n);
        }
      }
      Duration d = Duration.parse(value);
      if (!d.isNegative()) {
        return d;
      }
    } catch (ArithmeticException | NumberFormatException | DateTimeParseException e) {
      // falls through to the refusal
    }
    throw new BadOptionException(name + " must be a duration such as 30s, 2m or 1h, not '" + value + "'");
  }
}
