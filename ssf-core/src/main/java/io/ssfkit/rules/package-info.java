/**
 * The revocation rule engine: identity changes in, CAEP and RISC events out.
 *
 * <ul>
 *   <li>{@link io.ssfkit.rules.IdentityChange} (with {@link io.ssfkit.rules.AttributeChange}): the input.
 *   <li>{@link io.ssfkit.rules.RevocationRule}: a {@link io.ssfkit.rules.Condition} and the
 *       {@link io.ssfkit.rules.EventAction}s it emits; {@link io.ssfkit.rules.RuleSet}: the validated set of rules.
 *   <li>{@link io.ssfkit.rules.RuleEngine}: evaluates, publishes with one {@code txn} per change, replays
 *       idempotently ({@link io.ssfkit.rules.ProcessedChanges}), swaps rule sets atomically, and explains
 *       ({@link io.ssfkit.rules.Explanation}); {@link io.ssfkit.rules.RuleOutcome} is what it did.
 *   <li>{@link io.ssfkit.rules.SubjectResolver}: maps an identity to the identifiers its SETs may carry; each
 *       stream gets the one its receiver added ({@link io.ssfkit.stream.StreamDecision}).
 * </ul>
 */
@NullMarked
package io.ssfkit.rules;

import org.jspecify.annotations.NullMarked;
