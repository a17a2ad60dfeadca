/**
 * JSON for the revocation rule engine: {@link io.ssfkit.jackson.rules.RuleJson} reads rule sets and identity
 * changes (including the "identity attributes changed" trigger shape) and writes explanations.
 */
@NullMarked
package io.ssfkit.jackson.rules;

import org.jspecify.annotations.NullMarked;
