/**
 * The public API of the planning-governance framework: what applications compile against.
 *
 * <p>Sub-packages hold the immutable artifact models ({@code artifact}), the lifecycle
 * ({@code lifecycle}), the event envelope ({@code event}), and the service-provider interfaces
 * for gates ({@code gate}), governance ({@code governance}) and storage ({@code store}). This
 * package holds what they share: source locations and the exception hierarchy rooted in
 * {@link dev.planning.api.PlanningException}.
 *
 * <p>Nothing here depends on an implementation: implementations live in {@code planning-engine}
 * and {@code planning-rules} and are found through {@link java.util.ServiceLoader} or passed to
 * builders explicitly.
 *
 * @since 0.1
 */
package dev.planning.api;
