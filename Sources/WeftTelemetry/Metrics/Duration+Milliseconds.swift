extension Duration {
    /// Whole milliseconds, truncated as Envoy's `FromChrono(d) / Milliseconds(1)` and ztunnel's `as_millis()`;
    /// a negative duration counts as 0 (clocks are monotonic, but a caller's arithmetic may not be).
    package var wholeMilliseconds: Int64 {
        let (seconds, attoseconds) = self.components
        guard seconds > 0 || (seconds == 0 && attoseconds > 0) else { return 0 }
        let (millis, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        let (total, overflowAgain) = millis.addingReportingOverflow(attoseconds / 1_000_000_000_000_000)
        return overflow || overflowAgain ? Int64.max : total
    }
}
