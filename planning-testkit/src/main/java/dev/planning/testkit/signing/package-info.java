/**
 * The signer contract: {@link dev.planning.testkit.signing.SignerContract}, an abstract JUnit 5
 * test class that a {@link dev.planning.api.signing.Signer} implementation (an HSM, a cloud KMS, a
 * key held by the application) extends in its own tests to show that its signatures are what
 * verification expects.
 *
 * @since 0.1
 */
package dev.planning.testkit.signing;
