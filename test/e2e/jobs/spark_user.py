"""A PySpark job submitted as a Livy batch: prints what the end-to-end tests check."""

from pyspark import SparkContext

sc = SparkContext.getOrCreate()
print('TAKE3=' + repr(sc.parallelize(range(100), 2).take(3)), flush=True)
print('SPARK_USER=' + sc.sparkUser(), flush=True)
sc.stop()
