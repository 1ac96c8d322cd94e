// Entry point: filled in by the Conformance issue.
return 0;
