/**
 * The Parley test kit: for a host application's own tests of its routing setup.
 *
 * <p>A {@link dev.parley.testkit.TestContactCenter} runs the real engine in same-thread mode on a
 * manual clock, so a test scripts {@linkplain dev.parley.testkit.ScriptedClient clients} and
 * {@linkplain dev.parley.testkit.ScriptedOperator operators}, moves time with {@code
 * advance(Duration)}, and checks where each session went with a {@link
 * dev.parley.testkit.SessionAssert} — in milliseconds, without threads or sleeps.
 *
 * <pre>{@code
 * try (TestContactCenter center = TestContactCenter.create()) {
 *   center.group(GroupSpec.builder(SALES).offerTimeout(Duration.ofSeconds(20)).build());
 *   ScriptedOperator alice =
 *       center.operator(OperatorSpec.builder(ALICE).group(SALES).channel(WEB_CHAT).build()).online();
 *   ScriptedClient jana = center.arrive(Entry.builder(WEB_CHAT).group(SALES).build());
 *   jana.assertThat().isOfferedTo(alice);
 * }
 * }</pre>
 *
 * <p>Add {@code dev.parley:parley-testkit} to the host's build in test scope. The kit depends on
 * no test framework: a failed expectation throws {@link AssertionError}, which JUnit, TestNG and
 * the rest all report as a failure.
 */
@NullMarked
package dev.parley.testkit;

import org.jspecify.annotations.NullMarked;
