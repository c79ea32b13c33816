#pragma once
/// `mltrl-decode --image-batch` (app/decode/ImageBatch.cpp): serves image requests on stdin
/// until it closes; returns the process's exit code. `program` is argv[0].
int serveImageBatch(char *program);
