package dev.parley.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

import dev.parley.core.Channel;
import dev.parley.core.ChatbotId;
import dev.parley.core.ChatbotSpec;
import dev.parley.core.GroupId;
import dev.parley.core.GroupSpec;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.OperatorStatus;
import dev.parley.core.Presence;
import dev.parley.core.RoutingRule;
import dev.parley.core.RoutingStrategy;
import dev.parley.core.TenantId;
import dev.parley.core.TenantSettings;
import dev.parley.storage.ConfigRecord;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.jspecify.annotations.Nullable;

/** The engine's configuration survives the trip through flat storage records, and damage is caught. */
class ConfigCodecTest {
  private static final TenantId ACME = TenantId.of("acme");
  private static final OperatorId ALICE = OperatorId.of("alice");
  private static final GroupId SALES = GroupId.of("sales");

  private static TenantSettings roundTrip(TenantSettings settings) {
    return ConfigCodec.decodeSettings(ConfigCodec.encode(ACME, settings));
  }

  private static GroupSpec roundTrip(GroupSpec group) {
    return ConfigCodec.decodeGroup(ConfigCodec.encode(ACME, group));
  }

  private static OperatorSpec roundTrip(OperatorSpec operator) {
    return ConfigCodec.decodeOperator(ConfigCodec.encode(ACME, operator));
  }

  private static OperatorPresence roundTrip(OperatorPresence presence) {
    return ConfigCodec.decodePresence(ConfigCodec.encode(ACME, ALICE, presence));
  }

  @Nested
  @DisplayName("a round trip gives an equal value")
  class RoundTrips {
    @Test
    @DisplayName("for the defaults of every kind")
    void defaults() {
      assertThat(roundTrip(TenantSettings.DEFAULTS)).isEqualTo(TenantSettings.DEFAULTS);
      assertThat(roundTrip(GroupSpec.builder(SALES).build())).isEqualTo(GroupSpec.builder(SALES).build());
      assertThat(roundTrip(OperatorSpec.builder(ALICE).build())).isEqualTo(OperatorSpec.builder(ALICE).build());
      OperatorPresence offline = new OperatorPresence(OperatorStatus.OFFLINE, Set.of(), true, false);
      assertThat(roundTrip(offline)).isEqualTo(offline);
    }

    @Test
    @DisplayName("for settings whose rules use every channel and parameter keys holding '.', '=' and ','")
    void fullSettings() {
      RoutingRule everything = RoutingRule.to(GroupId.of("sales.cz=1"))
          .channels(Channel.WEB_CHAT, Channel.values())
          .language("cs").widget("shop=main").pageUrlPrefix("https://shop.example/?a=b,c")
          .parameter("vip", "yes").parameter("a.b", "c=d").parameter("x=y", "").parameter("rule.0.group", "p,q")
          .priority(-1_000).build();
      TenantSettings settings = TenantSettings.builder()
          .rules(List.of(everything, RoutingRule.to(SALES).build(), RoutingRule.to(SALES).priority(1_000).build()))
          .defaultGroup(GroupId.of("support")).switchesLocked(true).operatorsMayBlock(false)
          .invitationValidity(Duration.ofMinutes(1)).endedRetention(Duration.ZERO)
          .awayReasons(List.of("lunch", "training")).tag("refund", "#E53935").tag("vip", "#1e88e5").build();

      assertThat(roundTrip(settings)).isEqualTo(settings);
      assertThat(roundTrip(settings).tags().keySet()).containsExactly("refund", "vip");
      assertThat(roundTrip(settings).tags()).containsEntry("refund", "#e53935");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(RoutingStrategy.class)
    @DisplayName("for groups of every strategy, escalating or not")
    void fullGroups(RoutingStrategy strategy) {
      GroupSpec.Builder group = GroupSpec.builder(GroupId.of("sales.eu")).strategy(strategy)
          .offerTimeout(Duration.ZERO).autoAccept(true).wrapUpLimit(Duration.ofDays(365).minusNanos(1))
          .maxQueueLength(0).priority(-7);
      assertThat(roundTrip(group.build())).isEqualTo(group.build());
      group.escalateAfter(Duration.ofMillis(1_500), GroupId.of("support=2"));
      assertThat(roundTrip(group.build())).isEqualTo(group.build());
      group.chatbot(ChatbotId.of("faq.bot=1"));
      assertThat(roundTrip(group.build())).isEqualTo(group.build());
    }

    @Test
    @DisplayName("for chatbots, secret and time-out included")
    void chatbots() {
      ChatbotSpec bot = ChatbotSpec.builder(ChatbotId.of("faq"), URI.create("https://bots.example.com/faq?lang=cs&x=a%20b"))
          .secret("s3cret=with,commas.and.dots").replyTimeout(Duration.ofMillis(2_500)).build();
      assertThat(ConfigCodec.decodeChatbot(ConfigCodec.encode(ACME, bot))).isEqualTo(bot);
      assertThat(ConfigCodec.encode(ACME, bot)).isEqualTo(new ConfigRecord("acme", "chatbot", "faq", Map.of(
          "endpoint", "https://bots.example.com/faq?lang=cs&x=a%20b", "secret", "s3cret=with,commas.and.dots",
          "replyTimeout", "PT2.5S", "format", "1")));
    }

    @Test
    @DisplayName("for operators on every channel in groups whose ids hold '.' and '='")
    void fullOperators() {
      OperatorSpec.Builder operator = OperatorSpec.builder(OperatorId.of("alice@acme.example")).phoneLine(false)
          .group(SALES).group(GroupId.of("capacity.WEB_CHAT"), 3).group(GroupId.of("a=b.c"), 1_000);
      for (Channel channel : Channel.values()) {
        operator.channel(channel);
      }
      assertThat(roundTrip(operator.build())).isEqualTo(operator.build());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Presence.class)
    @DisplayName("for every presence with every channel switched off")
    void fullPresence(Presence presence) {
      OperatorPresence all = new OperatorPresence(new OperatorStatus(presence, null), EnumSet.allOf(Channel.class), false, true);
      assertThat(roundTrip(all)).isEqualTo(all);
      OperatorPresence lunch = new OperatorPresence(OperatorStatus.away("lunch, then a walk"), Set.of(Channel.PHONE), true, false);
      assertThat(roundTrip(lunch)).isEqualTo(lunch);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    @DisplayName("for a few hundred random values of every kind")
    void random(long seed) {
      Randoms random = new Randoms(new SplittableRandom(seed));
      for (int i = 0; i < 300; i++) {
        TenantSettings settings = random.settings();
        GroupSpec group = random.group();
        OperatorSpec operator = random.operator();
        OperatorPresence presence = random.presence();
        assertThat(roundTrip(settings)).isEqualTo(settings);
        assertThat(roundTrip(group)).isEqualTo(group);
        assertThat(roundTrip(operator)).isEqualTo(operator);
        assertThat(roundTrip(presence)).isEqualTo(presence);
      }
    }
  }

  @Test
  @DisplayName("the properties are flat, readable and carry the format")
  void layout() {
    GroupSpec group = GroupSpec.builder(SALES).escalateAfter(Duration.ofMinutes(5), GroupId.of("support")).build();
    assertThat(ConfigCodec.encode(ACME, group)).isEqualTo(new ConfigRecord("acme", "group", "sales", Map.of(
        "format", "1", "strategy", "BY_UTILIZATION", "offerTimeout", "PT30S", "autoAccept", "false",
        "wrapUpLimit", "PT2M", "maxQueueLength", "2147483647", "priority", "0",
        "escalateAfter", "PT5M", "escalateTo", "support")));

    OperatorSpec operator = OperatorSpec.builder(ALICE).group(SALES, 2).channel(Channel.WEB_CHAT, 4).build();
    assertThat(ConfigCodec.encode(ACME, operator).properties()).containsOnly(
        entry("format", "1"), entry("group.sales", "2"), entry("capacity.WEB_CHAT", "4"), entry("phoneLine", "true"));

    RoutingRule rule = RoutingRule.to(SALES).channels(Channel.VIDEO_CALL, Channel.WEB_CHAT).parameter("vip", "yes").build();
    assertThat(ConfigCodec.encode(ACME, TenantSettings.builder().rules(List.of(rule)).build()).properties())
        .contains(entry("rule.0.group", "sales"), entry("rule.0.channels", "WEB_CHAT,VIDEO_CALL"),
            entry("rule.0.parameter.0.key", "vip"), entry("rule.0.parameter.0.value", "yes"))
        .containsKeys("invitationValidity", "endedRetention", "switchesLocked", "operatorsMayBlock")
        .doesNotContainKeys("defaultGroup", "rule.0.language");

    OperatorPresence presence = new OperatorPresence(OperatorStatus.away("lunch"), Set.of(Channel.PHONE, Channel.EMAIL), true, true);
    assertThat(ConfigCodec.encode(ACME, ALICE, presence)).isEqualTo(new ConfigRecord("acme", "presence", "alice", Map.of(
        "format", "1", "presence", "AWAY", "awayReason", "lunch", "switchedOff", "PHONE,EMAIL", "phoneLine", "true",
        "tracked", "true")));
  }

  @Test
  @DisplayName("records written before the presence settings read with their defaults")
  void recordsBeforePresence() {
    ConfigRecord settings = new ConfigRecord("acme", "settings", "tenant", Map.of("format", "1", "switchesLocked", "false",
        "operatorsMayBlock", "true", "invitationValidity", "PT24H", "endedRetention", "PT24H"));
    assertThat(ConfigCodec.decodeSettings(settings)).isEqualTo(TenantSettings.DEFAULTS);
    ConfigRecord group = new ConfigRecord("acme", "group", "sales", Map.of("format", "1", "strategy", "BY_UTILIZATION",
        "offerTimeout", "PT30S", "autoAccept", "false", "wrapUpLimit", "PT2M", "maxQueueLength", "2147483647",
        "priority", "0"));
    assertThat(ConfigCodec.decodeGroup(group)).isEqualTo(GroupSpec.builder(SALES).build());
    ConfigRecord presence = new ConfigRecord("acme", "presence", "alice", Map.of("format", "1", "presence", "ONLINE",
        "switchedOff", "", "phoneLine", "true"));
    assertThat(ConfigCodec.decodePresence(presence)).isEqualTo(new OperatorPresence(OperatorStatus.ONLINE, Set.of(), true, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedRecords")
  @DisplayName("a malformed record is refused with a message naming its kind, key and the property")
  void malformed(String expected, ConfigRecord record, Function<ConfigRecord, ?> decode) {
    assertThatIllegalArgumentException().isThrownBy(() -> decode.apply(record))
        .withMessageStartingWith(record.kind() + " record " + record.key() + " of tenant acme is malformed")
        .withMessageContaining(expected);
  }

  static Stream<Arguments> malformedRecords() {
    ConfigRecord group = ConfigCodec.encode(ACME, GroupSpec.builder(SALES).build());
    ConfigRecord operator = ConfigCodec.encode(ACME, OperatorSpec.builder(ALICE).channel(Channel.EMAIL).build());
    ConfigRecord presence = ConfigCodec.encode(ACME, ALICE, new OperatorPresence(OperatorStatus.ONLINE, Set.of(), true, false));
    ConfigRecord settings = ConfigCodec.encode(ACME, TenantSettings.builder()
        .rules(List.of(RoutingRule.to(SALES).parameter("k", "v").build())).build());
    Function<ConfigRecord, ?> decodeGroup = ConfigCodec::decodeGroup;
    ConfigRecord chatbot = ConfigCodec.encode(ACME, ChatbotSpec.builder(ChatbotId.of("faq"), URI.create("https://b.example/"))
        .secret("0123456789abcdef").build());
    Function<ConfigRecord, ?> decodeChatbot = ConfigCodec::decodeChatbot;
    Function<ConfigRecord, ?> decodeOperator = ConfigCodec::decodeOperator;
    Function<ConfigRecord, ?> decodePresence = ConfigCodec::decodePresence;
    Function<ConfigRecord, ?> decodeSettings = ConfigCodec::decodeSettings;
    return Stream.of(
        Arguments.of("property strategy=FASTEST: expected one of [BY_UTILIZATION", with(group, "strategy", "FASTEST"), decodeGroup),
        Arguments.of("property offerTimeout is missing", with(group, "offerTimeout", null), decodeGroup),
        Arguments.of("property maxQueueLength=lots: expected a whole number", with(group, "maxQueueLength", "lots"), decodeGroup),
        Arguments.of("property priority=5000: group priority must be", with(group, "priority", "5000"), decodeGroup),
        Arguments.of("property autoAccept=yes: expected true or false", with(group, "autoAccept", "yes"), decodeGroup),
        Arguments.of("property wrapUpLimit=2 minutes: expected an ISO-8601 duration", with(group, "wrapUpLimit", "2 minutes"), decodeGroup),
        Arguments.of("property escalateTo is missing", with(group, "escalateAfter", "PT1M"), decodeGroup),
        Arguments.of("unexpected properties [escalateTo]", with(group, "escalateTo", "support"), decodeGroup),
        Arguments.of("cannot escalate to itself", with(with(group, "escalateAfter", "PT1M"), "escalateTo", "sales"), decodeGroup),
        Arguments.of("property format=2: this engine reads format 1 only", with(group, "format", "2"), decodeGroup),
        Arguments.of("property format is missing", with(group, "format", null), decodeGroup),
        Arguments.of("property endpoint=mailto:x@y: chatbot endpoint must be", with(chatbot, "endpoint", "mailto:x@y"), decodeChatbot),
        Arguments.of("property secret=short: chatbot secret must be", with(chatbot, "secret", "short"), decodeChatbot),
        Arguments.of("property replyTimeout is missing", with(chatbot, "replyTimeout", null), decodeChatbot),
        Arguments.of("property capacity.FAX=1: expected one of", with(operator, "capacity.FAX", "1"), decodeOperator),
        Arguments.of("property capacity.EMAIL=0: capacity on EMAIL must be", with(operator, "capacity.EMAIL", "0"), decodeOperator),
        Arguments.of("property group.sales=-1: rank must be", with(operator, "group.sales", "-1"), decodeOperator),
        Arguments.of("property awayReason=lunch: only AWAY carries a reason", with(presence, "awayReason", "lunch"), decodePresence),
        Arguments.of("property switchedOff=EMAIL,,PHONE", with(presence, "switchedOff", "EMAIL,,PHONE"), decodePresence),
        Arguments.of("key " + "x".repeat(201), new ConfigRecord("acme", "presence", "x".repeat(201), presence.properties()), decodePresence),
        Arguments.of("property rule.1.group is missing", with(settings, "rule.1.priority", "0"), decodeSettings),
        Arguments.of("property rule.0.parameter.0.value is missing", with(settings, "rule.0.parameter.0.value", null), decodeSettings),
        Arguments.of("property rule.0.parameter.1.key=k: repeats an earlier parameter key",
            with(with(settings, "rule.0.parameter.1.key", "k"), "rule.0.parameter.1.value", "w"), decodeSettings),
        Arguments.of("unexpected properties [rule.0.parameter.2.key, rule.0.parameter.2.value]",
            with(with(settings, "rule.0.parameter.2.key", "k2"), "rule.0.parameter.2.value", "w"), decodeSettings),
        Arguments.of("property invitationValidity=PT1S: invitation validity must be",
            with(settings, "invitationValidity", "PT1S"), decodeSettings),
        Arguments.of("key other: expected tenant", new ConfigRecord("acme", "settings", "other", settings.properties()), decodeSettings));
  }

  @Test
  @DisplayName("a record of another kind is refused")
  void otherKind() {
    ConfigRecord group = ConfigCodec.encode(ACME, GroupSpec.builder(SALES).build());
    assertThatIllegalArgumentException().isThrownBy(() -> ConfigCodec.decodeOperator(group))
        .withMessageStartingWith("expected kind operator, not ConfigRecord[tenant=acme, kind=group, key=sales");
  }

  /** The record with one property set, or removed when {@code value} is null. */
  private static ConfigRecord with(ConfigRecord record, String name, @Nullable String value) {
    Map<String, String> properties = new HashMap<>(record.properties());
    if (value == null) {
      properties.remove(name);
    } else {
      properties.put(name, value);
    }
    return new ConfigRecord(record.tenant(), record.kind(), record.key(), properties);
  }

  /** Random values within the builders' limits, with text full of the characters a flat encoding trips on. */
  private static final class Randoms {
    private static final String CHARACTERS = "ab.=,: _-/?&žš€😀";
    private static final Duration YEAR = Duration.ofDays(365);

    private final SplittableRandom random;

    Randoms(SplittableRandom random) {
      this.random = random;
    }

    TenantSettings settings() {
      List<RoutingRule> rules = new ArrayList<>();
      for (int i = random.nextInt(4); i > 0; i--) {
        rules.add(rule());
      }
      TenantSettings.Builder settings = TenantSettings.builder().rules(rules)
          .switchesLocked(random.nextBoolean()).operatorsMayBlock(random.nextBoolean())
          .invitationValidity(duration(Duration.ofMinutes(1))).endedRetention(duration(Duration.ZERO))
          .clientGrace(upToADay(Duration.ZERO)).operatorGrace(upToADay(Duration.ZERO))
          .sessionsWaitForGoneOperator(upToADay(Duration.ZERO))
          .goneOperatorStatus(random.nextBoolean() ? OperatorStatus.OFFLINE
              : random.nextBoolean() ? OperatorStatus.AWAY : OperatorStatus.away(text()));
      if (random.nextBoolean()) {
        settings.defaultGroup(GroupId.of(text()));
      }
      for (int i = random.nextInt(3); i > 0; i--) {
        settings.autoTag("kw" + Integer.toString(random.nextInt(1_000), 36) + "Ž", text());
      }
      if (random.nextBoolean()) { // away reasons that list the gone operators' own, and a tag catalogue
        java.util.Set<String> reasons = new java.util.LinkedHashSet<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          reasons.add(text());
        }
        String gone = settings.build().goneOperatorStatus().reason();
        if (gone != null) {
          reasons.add(gone);
        }
        settings.awayReasons(List.copyOf(reasons));
        for (int i = random.nextInt(4); i > 0; i--) {
          settings.tag(text(), String.format("#%06x", random.nextInt(0x1000000)));
        }
      }
      return settings.build();
    }

    RoutingRule rule() {
      RoutingRule.Builder rule = RoutingRule.to(GroupId.of(text())).priority(random.nextInt(-1_000, 1_001));
      channels().forEach(rule::channels);
      if (random.nextBoolean()) {
        rule.language(text());
      }
      if (random.nextBoolean()) {
        rule.widget(text());
      }
      if (random.nextBoolean()) {
        rule.pageUrlPrefix(text());
      }
      for (int i = random.nextInt(4); i > 0; i--) {
        rule.parameter(text(), random.nextInt(4) == 0 ? "" : text());
      }
      return rule.build();
    }

    GroupSpec group() {
      GroupId id = GroupId.of(text());
      GroupSpec.Builder group = GroupSpec.builder(id)
          .strategy(RoutingStrategy.values()[random.nextInt(RoutingStrategy.values().length)])
          .offerTimeout(duration(Duration.ZERO)).autoAccept(random.nextBoolean()).wrapUpLimit(duration(Duration.ZERO))
          .maxQueueLength(random.nextBoolean() ? Integer.MAX_VALUE : random.nextInt(1_000))
          .priority(random.nextInt(-1_000, 1_001));
      if (random.nextBoolean()) {
        group.escalateAfter(duration(Duration.ofNanos(1)), GroupId.of(id.value() + "+"));
      }
      if (random.nextBoolean()) {
        group.clientGrace(upToADay(Duration.ZERO));
      }
      if (random.nextBoolean()) {
        group.reassignUnanswered(upToADay(Duration.ofNanos(1)));
      }
      return group.build();
    }

    OperatorSpec operator() {
      OperatorSpec.Builder operator = OperatorSpec.builder(OperatorId.of(text())).phoneLine(random.nextBoolean());
      for (int i = random.nextInt(5); i > 0; i--) {
        operator.group(GroupId.of(text()), random.nextInt(1_001));
      }
      channels().forEach(c -> operator.channel(c, c.exclusive() ? 1 : random.nextInt(1, OperatorSpec.MAX_CAPACITY + 1)));
      return operator.build();
    }

    OperatorPresence presence() {
      Presence presence = Presence.values()[random.nextInt(Presence.values().length)];
      String reason = presence == Presence.AWAY && random.nextBoolean() ? text() : null;
      return new OperatorPresence(new OperatorStatus(presence, reason), channels(), random.nextBoolean(), random.nextBoolean());
    }

    private Set<Channel> channels() {
      Set<Channel> channels = EnumSet.noneOf(Channel.class);
      for (Channel channel : Channel.values()) {
        if (random.nextInt(3) == 0) {
          channels.add(channel);
        }
      }
      return channels;
    }

    /** A duration from {@code min} up to a year, to the nanosecond. */
    private Duration duration(Duration min) {
      return min.plusNanos(random.nextLong(YEAR.minus(min).toNanos() + 1));
    }

    private Duration upToADay(Duration min) {
      return min.plusNanos(random.nextLong(Duration.ofDays(1).minus(min).toNanos() + 1));
    }

    /** Non-blank text of 1 to 12 characters. */
    private String text() {
      int[] pool = CHARACTERS.codePoints().toArray();
      StringBuilder text = new StringBuilder().appendCodePoint(pool[random.nextInt(pool.length)]);
      for (int i = random.nextInt(12); i > 0; i--) {
        text.appendCodePoint(pool[random.nextInt(pool.length)]);
      }
      return text.toString().isBlank() ? text + "x" : text.toString();
    }
  }
}
