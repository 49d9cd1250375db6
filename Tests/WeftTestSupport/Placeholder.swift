package enum WeftTestSupportPlaceholder {}
