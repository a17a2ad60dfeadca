/**
 * Subject identifiers (RFC 9493 and the SSF 1.0 formats), validated at construction, and the add/remove-subject requests.
 */
@NullMarked
package io.ssfkit.subject;

import org.jspecify.annotations.NullMarked;
