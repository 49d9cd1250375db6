extension RetryBudget {
    /// How many retries may be in flight at once: `percent` of the active and pending requests, never below
    /// `minRetryConcurrency` (Envoy's `RetryBudget::max`). Rounds down, as Envoy's integer conversion does.
    package func maxConcurrentRetries(activeRequests: Int, pendingRequests: Int) -> Int {
        let active = Double(max(0, activeRequests) + max(0, pendingRequests))
        let allowed = Int((min(max(self.percent, 0), 100) / 100 * active).rounded(.down))
        return max(allowed, max(0, self.minRetryConcurrency))
    }

    /// Whether one more retry fits the budget.
    package func admitsRetry(activeRetries: Int, activeRequests: Int, pendingRequests: Int) -> Bool {
        activeRetries < self.maxConcurrentRetries(activeRequests: activeRequests, pendingRequests: pendingRequests)
    }
}
