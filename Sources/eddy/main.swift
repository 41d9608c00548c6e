print("eddy")
