"""Reference data beneath every layer: France's authorities (communes, EPCIs, départements, régions)
as the official data list them (``reference.authorities``)."""
