/**
 * Subject identifiers and the add/remove-subject requests.
 *
 * <p>{@link io.ssfkit.subject.SubjectIdentifier} is a sealed interface with one record per format (RFC 9493 and
 * SSF 1.0 section 3), each validated at construction; it also parses identifiers from JSON-shaped maps and
 * matches a stream's subject against an event's subject (SSF 1.0 section 8.1.3.1).
 * {@link io.ssfkit.subject.AddSubjectRequest} and {@link io.ssfkit.subject.RemoveSubjectRequest} are the request
 * bodies, {@link io.ssfkit.subject.SubjectMembership} records a receiver's add or remove, and
 * {@link io.ssfkit.subject.DefaultSubjects} says which subjects a new stream includes.
 */
@NullMarked
package io.ssfkit.subject;

import org.jspecify.annotations.NullMarked;
