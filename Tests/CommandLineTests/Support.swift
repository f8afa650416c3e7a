import Testing
@testable import FeatureLearning
