/**
 * The conformance-parity suite: {@link io.ssfkit.testkit.conformance.TransmitterConformanceSuite}, a JUnit 5
 * class that checks over real HTTP what the OpenID Foundation conformance suite's SSF transmitter test plans
 * check, against any base URL and bearer token. A host extends it in its own tests to prove its deployment.
 */
@NullMarked
package io.ssfkit.testkit.conformance;

import org.jspecify.annotations.NullMarked;
