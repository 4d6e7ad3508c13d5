package main // test
