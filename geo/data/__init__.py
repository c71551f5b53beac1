"""The dataset model and everything that reads, checks or describes it: the GeoPackage dataset (dataset),
users' files (io), their checks (validate), the indicator catalogue (catalog), the Marmot framework
(framework), method texts (methods), grunnkrets crosswalks (crosswalk) and synthetic coverages (synthetic)."""
