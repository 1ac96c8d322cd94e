// Entry point: filled in by the ReferenceRunner issue.
return 0;
