"""Office Open XML (WordprocessingML) helpers shared by the .docx reader and `termlint review`.

- `names`: namespaces (Transitional and Strict) and relationship types;
- `opc`: the package: relationships, content types, the main part and its story parts;
- `story`: walk a story part into paragraphs of displayed text, with a map back to the XML;
- `styles`: paragraph style names, outline levels and rendered list numbers;
- `zipcopy`: rewrite a package, copying every unchanged entry byte for byte.
"""
