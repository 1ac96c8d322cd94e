// Entry point: filled in by the FakeHarness issue.
return 0;
