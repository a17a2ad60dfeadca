package io.ssfkit.subject;

/** Which subjects a new stream includes before any add or remove (SSF 1.0 section 7.1, SUBJ-1). */
public enum DefaultSubjects {
  /** Every subject is included until it is removed. */
  ALL,
  /** No subject is included until it is added. */
  NONE
}
